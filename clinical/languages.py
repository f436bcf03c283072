"""Messages not in English: which language, the emergencies and urgent signs they report.

CLINICAL.md ("Other languages"): a patient must never be left without the emergency advice
because of language. The assistant understands English; this module recognises when a
message is clearly in another language and reads, in Spanish (fully) and in Chinese,
Vietnamese, Tagalog, French, Korean, Arabic, Russian, Portuguese, German, Italian, Haitian
Creole and Hindi (the main signs):
- emergencies (emergency_in): the triage table's emergency row, general emergencies, a
  mental-health crisis (wanting to die, a plan, an overdose, or "I can't take it any more"
  with the pills put aside), a fever in a baby under 3 months, a fever with a stiff neck;
- urgent rows (urgent_in), one table per language: fever (named, or a reading of 38 C /
  100.4 F or more), dark or little urine, blood in the urine, a swollen warm calf or arm,
  a stiff neck, a spreading rash; the care team hears these as urgent.
The replies in those languages are patient-facing text, so they live in data/content/ with
the rest. Pure Python, no Rasa imports.

Language detection uses lingua-language-detector (its n-gram models ship inside the wheel,
nothing is downloaded): on short patient messages it was far better than py3langid, which
was confidently wrong on short English ("heart pounding" -> French 0.998) and whose current
releases need numpy 2, which Rasa 3.6 cannot use. Only English, Spanish, French,
Vietnamese, Tagalog, Portuguese, German and Italian are loaded (about 160 MB once per
process); other writing systems are told apart by their script (Hindi in Devanagari too),
Haitian Creole (which lingua lacks) and Hindi in Latin letters (lingua reads Hindi only in
Devanagari) by their own words, and a message must carry words or letters of the guessed
language before it is called non-English, so short English is never misread. Detection
and the phrase tables together cost under a millisecond a message once the models are
loaded (about 0.5-0.7 ms on a 2-core machine; tests/clinical/test_languages.py holds
detection under 5 ms a message).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, replace
from typing import Dict, FrozenSet, List, Optional, Pattern, Sequence, Set, Tuple

from clinical.lexicon import INFANT_FEVER_MONTHS
from clinical.readings import temperature_is_high

# =====================================================================================
# Names and patient-facing texts
# =====================================================================================

LANGUAGE_NAMES: Dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "zh": "Chinese",
    "tl": "Tagalog",
    "vi": "Vietnamese",
    "ar": "Arabic",
    "fr": "French",
    "ko": "Korean",
    "ru": "Russian",
    "ja": "Japanese",
    "fa": "Persian",
    "ur": "Urdu",
    "uk": "Ukrainian",
    "th": "Thai",
    "he": "Hebrew",
    "hi": "Hindi",
    "el": "Greek",
    "hy": "Armenian",
    "ka": "Georgian",
    "bn": "Bengali",
    "pa": "Punjabi",
    "gu": "Gujarati",
    "ta": "Tamil",
    "te": "Telugu",
    "kn": "Kannada",
    "ml": "Malayalam",
    "si": "Sinhala",
    "km": "Khmer",
    "lo": "Lao",
    "my": "Burmese",
    "am": "Amharic",
    "pt": "Portuguese",
    "de": "German",
    "it": "Italian",
    "ht": "Haitian Creole",
}

def language_name(code: str) -> str:
    """The English name of a language code, for staff ("Vietnamese"), or the code itself."""
    return LANGUAGE_NAMES.get(code, code)


# =====================================================================================
# Which language: script first, then the lingua model with word evidence
# =====================================================================================

# The first word of a letter's Unicode name names its script; each non-Latin script
# means one language here (the most common in the US for that script).
_SCRIPT_LANGUAGE: Dict[str, str] = {
    "CJK": "zh",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "ARABIC": "ar",
    "CYRILLIC": "ru",
    "THAI": "th",
    "HEBREW": "he",
    "DEVANAGARI": "hi",
    "GREEK": "el",
    "ARMENIAN": "hy",
    "GEORGIAN": "ka",
    "BENGALI": "bn",
    "GURMUKHI": "pa",
    "GUJARATI": "gu",
    "TAMIL": "ta",
    "TELUGU": "te",
    "KANNADA": "kn",
    "MALAYALAM": "ml",
    "SINHALA": "si",
    "KHMER": "km",
    "LAO": "lo",
    "MYANMAR": "my",
    "ETHIOPIC": "am",
}
# One Han, kana or Hangul character carries about a word; weigh them against Latin letters.
_DENSE_SCRIPTS = frozenset({"CJK", "HANGUL", "HIRAGANA", "KATAKANA"})
_DENSE_WEIGHT = 3
# Letters that only Persian / Urdu (not Arabic) use, and only Ukrainian (not Russian).
# Persian keyboards also type their own kaf and yeh (ک ی, not Arabic ك ي).
_PERSIAN_LETTERS = frozenset("پچژگکی")
_URDU_LETTERS = frozenset("ٹڈڑںےھ")
_UKRAINIAN_LETTERS = frozenset("іїєґ")


def _script_of(char: str) -> str:
    name = unicodedata.name(char, "")
    if name.startswith(("HALFWIDTH KATAKANA", "HALFWIDTH HANGUL")):
        return name.split()[1]
    if name.startswith(("FULLWIDTH LATIN", "MATHEMATICAL")):
        return "LATIN"
    return name.split(" ", 1)[0] if name else ""


def _script_language(text: str) -> Optional[str]:
    """The language of a message written mostly in a non-Latin script, else None."""
    latin = 0
    other: Dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        script = _script_of(char)
        if script == "LATIN":
            latin += 1
        elif script in _SCRIPT_LANGUAGE:
            other[script] = other.get(script, 0) + 1
    if not other:
        return None
    weighted = {s: n * (_DENSE_WEIGHT if s in _DENSE_SCRIPTS else 1) for s, n in other.items()}
    script = max(weighted, key=lambda s: weighted[s])
    # A lone Greek letter (μg) or a Han character in an English sentence is not enough.
    if weighted[script] < latin or (script not in _DENSE_SCRIPTS and other[script] < 2):
        return None
    if script == "CJK" and ("HIRAGANA" in other or "KATAKANA" in other):
        return "ja"  # Japanese mixes kanji with kana; Chinese never uses kana
    if script == "ARABIC":
        if _URDU_LETTERS.intersection(text):
            return "ur"
        if _PERSIAN_LETTERS.intersection(text):
            return "fa"
    if script == "CYRILLIC" and _UKRAINIAN_LETTERS.intersection(text.lower()):
        return "uk"
    return _SCRIPT_LANGUAGE[script]


# Words that are English and not words of Spanish, French, Vietnamese (without accents)
# or Tagalog: pronouns, auxiliaries, chat words and the symptoms patients name. When half
# a message is these, it is English whatever the model says ("are you chatgpt").
_ENGLISH_WORDS: FrozenSet[str] = frozenset(
    """
    i i'm im i've ive i'll i'd my mine myself you you're youre u ur your yours he he's his
    him she she's her hers it it's its we we're our they they're them their the is isn't
    isnt are aren't arent am was wasn't were be been being have haven't havent had hadn't
    does doesn't doesnt did didn't didnt don't dont can can't cant cannot could couldn't
    would wouldn't should shouldn't will won't wont not and but if of for from with without
    about after before since what what's whats when where who why how which this that
    these those there here just very really too also now got get getting feel feeling
    feels felt hurt hurts hurting pain help please pls plz thanks thank thx ty yes yeah yep
    yup nope nah ok okay k kk lol omg idk gonna wanna gotta kinda sorta like know think
    want need going still swelling swollen swell breathe breath breathing chest throat
    lips lip tongue fever headache sick tired dizzy nurse mom dad kid kids son's
    daughter husband wife today tonight yesterday tomorrow morning night hi hello hey bye
    good fine bad better worse little bit lil much more some any all every day week hour
    hours ago next out up down off over again ever never
    """.split()
)

# Words of each language that English does not use; spotting one is evidence the model's
# guess is right. Written without accents (matched on accent-free words).
_LANGUAGE_WORDS: Dict[str, FrozenSet[str]] = {
    # Spanish: articles, pronouns, common verbs and the words of a symptom report.
    "es": frozenset(
        """
        el la los las del al un una unos unas que y en por para con sin mi mis su sus tu yo
        tengo tiene tienes tenemos tienen estoy esta estan estas es soy somos muy pero como
        cuando donde porque puedo puede pueden podria quiero quiere necesito necesita ayuda
        ayudame auxilio gracias hola buenos buenas dias tardes noches favor dolor duele
        duelen pecho cabeza garganta respirar aire falta fiebre hijo hija hijos esposo esposa
        marido abuela abuelo nino nina bebe senora senor despues antes desde hace ahora
        mucho mucha muchos poco bien mal siento sentir cansado cansada mareado mareada
        hinchado hinchada hinchazon se le lo les nada si medicina medicamento pastillas comer
        tomar hoy ayer manana noche tambien todavia ya otra otro vez usted ustedes nos te de
        desmayo convulsiones ahogo sangre labios lengua cara brazo pierna vomito tos
        enfermera doctora clinica cita llamar llame emergencia
        """.split()
    ),
    # French: articles, pronouns, common verbs and the words of a symptom report.
    "fr": frozenset(
        """
        je j'ai suis est mon mes ta le la les du des de un une et pas ne avec pour dans sur
        tres bien mal fils fille mari femme enfant bebe respirer poitrine gorge fievre tete
        douleur aide aidez bonjour bonsoir merci peux peut puis depuis sens qu que qui il
        elle nous vous ils elles avoir manger avant apres medicament fatiguee vertige
        vertiges nausee nausees mais ou aujourd hier demain matin soir infirmiere medecin
        urgence appeler etouffe levres langue visage evanoui au aux veux veut pense crois
        """.split()
    ),
    # Vietnamese (accents removed): pronouns, particles and the words of a symptom report,
    # without the ones that are English words too ("the", "con", "long").
    "vi": frozenset(
        """
        toi khong duoc bi dau nguc tho cua giup sot roi lam qua thuoc truyen nhung nhieu
        chong buon vay sao bac benh vien ngat xiu anh minh va cho nay khi truoc uong dang
        thay xin chao oi hong moi sung kho cac mot nhe lau gio ngay hom cung nao nhi vui
        """.split()
    ),
    # Tagalog: markers, pronouns, particles and the words of a symptom report. Left out:
    # "po" (also "by mouth" on English prescriptions), "may", "ay", "nag" (English too).
    "tl": frozenset(
        """
        ako ang ng mga hindi ko ka mo siya sya niya nya kami tayo sila sa na ba naman lang
        rin yung iyong ito iyan yan dito akin namin natin ninyo kayo opo makahinga
        huminga hininga sakit masakit sumasakit dibdib lagnat anak nahihilo hilo namamaga
        maga labi dila lalamunan tulong salamat pwede puwede kailangan kumain gamot ulo
        tiyan nanay tatay asawa nawalan malay nahimatay ngayon kanina bago pagkatapos wala
        walang meron mayroon kasi talaga sobra medyo hirap nang ano paano bakit kailan
        parang naku grabe pagod
        """.split()
    ),
    # Portuguese (Brazil and Portugal), without the words Spanish, Italian or English
    # spell the same way ("garganta", "marido", "do", "um"), which would not tell them apart.
    "pt": frozenset(
        """
        nao naum eu meu minha meus minhas voce vc ele ela eles elas nosso nossa estou tou
        ta estao tenho tem temos tinha tive teve com sem muito muita muitos mt mto dor
        dores peito cabeca febre tontura enjoo filho filha filhos mulher mae pai avo nenem
        crianca ajuda obrigado obrigada bom boa hoje ontem amanha agora tambem isso isto
        aquilo uns umas pra nas ao aos pela consegue conseguindo conseguir ar desmaiou
        desmaiei enfermeira doutor posso pode quero quer sinto sentindo inchaco ficou
        fiquei voces senhor senhora entao ainda depois pq mais quando onde acho vou vai
        tao vomitou tossindo sangrando doendo inchou fechando engolir esquerdo esquerda
        direito direita corpo braco olho olhos perna pescoco rosto
        """.split()
    ),
    # German: articles, pronouns, common verbs and the words of a symptom report, without
    # the ones that are English words too ("was", "will", "hat", "kind").
    "de": frozenset(
        """
        ich mich mir mein meine meinem meinen meiner dich dir dein deine ihm ihn sie ihr
        ihre wir uns unser unsere der das dem ein eine einen einem einer kein keine keinen
        nicht nich nein und oder aber auch noch schon sehr ganz habe hab haben hatte bist
        ist sind kann kannst konnen mochte muss brauche bitte danke hallo guten morgen
        abend heute gestern jetzt seit nach vor schmerzen schmerz brust atmen luft kopf
        hals lippen zunge gesicht fieber ubel schwindelig mude sohn tochter mann frau
        mutter vater arzt arztin krankenschwester pflegerin tabletten medikamente hilfe
        notfall geschwollen ohnmachtig bewusstlos krampfanfall schlaganfall blut wie wo
        warum wenn weil dass auf zu vom beim zum zur schlecht geht gehts furchtbar immer
        wieder moechte koennen uebel muede ohnmaechtig aerztin
        """.split()
    ),
    # Italian: articles, pronouns, common verbs and the words of a symptom report, without
    # the ones that are English or Spanish words too ("male", "dove", "medico").
    "it": frozenset(
        """
        non nn hai abbiamo hanno sono sei siamo mio mia miei mie tuo tua suo sua il gli
        della dello delle degli nel nella nei nelle sul sulla dal dalla che anche molto
        molta troppo troppe piu sto sta stai stanno sento sente riesco riesce puo voglio
        vuole devo respirare petto dolore gola labbra febbre testa stanco stanca vertigini
        svenuto svenuta figlio figlia bambino bambina marito moglie mamma nonna nonno aiuto
        aiutatemi grazie buongiorno buonasera oggi ieri domani adesso subito ancora sempre
        mai perche quando questo questa quello pillole pastiglie compresse farmaci
        infermiera dottore emergenza gonfie gonfia gonfio sangue tosse mangiare dopo credo
        collo scura scuro polpaccio brividi macchie vesciche orticaria
        sia penso infusione infusioni prendere appuntamento quanto ago braccio
        gamba giramento
        """.split()
    ),
}

# Haitian Creole, which lingua does not know: read from its own words. Strong words belong
# to no other language here; weak ones are also English or French words or letters ("pa",
# "li", "yo", "men") and only add to strong ones.
_CREOLE_STRONG: FrozenSet[str] = frozenset(
    """
    mwen mw pitit tanpri anpil kounye kounya konnye kounyeya konnen kapab bezwen poukisa
    kijan koman kouman kile bonjou bonswa lafyev fyev pwatrin pwetrin goj tet vant
    doule malad fatige grangou swaf toudenkou toutan manman timoun madanm granmoun
    lopital dokte enfimye medikaman grenn tonbe endispoze pedi konesans touse respirasyon
    souf toufe etoufe anfle figi vle toujou anko yon kisa kote avek bagay moun renmen
    mouri touye reponn reveye rekonet konfize senyen krache epi paske sispann ede genyen
    pral gason janm kriz malkadi konvilsyon ijans rele nou zot kouche manje bwe paka bouch
    kwochi konbyen randevou demen eske anvan jodi mennen apre anfom janti zegwi mete kras
    malgoj bouke viv
    """.split()
)
_CREOLE_WEAK: FrozenSet[str] = frozenset(
    "m l n pa ka li yo ap ape pe te gen nan ak sa ki pou fe fi men sou la di bo ti pap san vomi "
    "an mesi".split()  # "mèsi" (thanks) is Italian "mesi" (months) too
)

# Hindi in Latin letters ("mujhe saans lene mein taklif"), which lingua reads only in
# Devanagari: told by its own words like Haitian Creole. Strong words are no English,
# Spanish, Tagalog or Italian words; weak ones are short or shared ("sir" is head, "mein"
# is German too, "hai" Italian, "ko" Tagalog) and only add to strong ones.
_HINDI_STRONG: FrozenSet[str] = frozenset(
    """
    mujhe mujhko mujhse humein hume hamein hamko tumhe tumhein aapko aapka aapki unhe unhein
    usse unse inhe mera meri hamara hamari hamare tumhara tumhari tera teri apna apni apne unka
    unki unke uska uski uske iska iski nahi nahin nhi nahee kya kyu kyun kyon kyunki kaise
    kaisa kaisi kab kahan kidhar kitna kitni kitne kaun bahut bohot bahot bohat bhut bht
    thoda thodi thora ekdum bilkul achanak jaldi abhi aaj subah shaam raat hoon hain raha
    rahi rahe rha rhi rhe gaya gayi gaye gya gyi hua hui hota hoti hote sakta sakti sakte
    chahta chahti chahte chahiye lagta lagti lagi laga karna karo karke kijiye karein batao
    bataiye bataye kuch kuchh aur lekin magar phir fir bhi wala wali wale dard taklif takleef
    tklif dikkat pareshani saans seene seena chhati chhaati chaati chati bukhar bukhaar ulti
    ultiyan dast chakkar kamzori kamjori thakan thakaan khujli sujan soojan khansi khaansi
    jukam zukam peshab pishab paishab khoon khun behosh ghabrahat bechaini dawai dawaiyan
    dawa goli goliyan aankh aankhen aankhein naak haath pairon taang tangon gardan kamar
    pindli honth hoth jeebh zubaan chehra chehre munh bachcha bachche baccha bacche bacha
    bachi bachchi beti pati patni bhai behen didi bhaiya dadi nani ghar paani pani khana
    khaana dhanyavad dhanyawad shukriya kripya madad marna jeena zindagi jindagi theek thik
    accha acha achha haan zyada jyada saath baad pehle wapas toh kyonki isliye lene lena
    mahine hafte sooj gaye jaana jana aana jaunga jaungi jaoonga karunga karungi lunga lungi
    dunga dungi hoga hogi honge chhat kood bhaari aaya aayi aaye maine humne usne unhone
    tumne aapne saari
    """.split()
)
_HINDI_WEAK: FrozenSet[str] = frozenset(
    """
    hai ho hu hun main mai mein me se ko ka ki ke to hi na ya par pe tha thi mat sab log kar
    aa ja bas kam kal din sir sar pet pair tang gala dil jaan koi maa ji ab jab tab agar ek
    do yeh ye woh wo vo pa kha nana sari
    """.split()
)
_HINDI_STRONG_NEEDED = 2


def _hindi_words(words: Sequence[str]) -> Tuple[int, int]:
    distinct = set(words)
    return len(distinct & _HINDI_STRONG), len(distinct & _HINDI_WEAK)


def _is_romanised_hindi(text: str, words: Sequence[str]) -> bool:
    """Whether a Latin-script message is Hindi: two of its own words, or one with only
    shared Hindi words beside it ("sir dard", "thik hai"), or one and a shared word with a
    Hindi emergency phrase."""
    strong, weak = _hindi_words(words)
    if strong >= _HINDI_STRONG_NEEDED:
        return True
    if strong and weak and strong + weak == len(set(words)):
        return True
    return strong >= 1 and strong + weak >= 2 and bool(_findings("hi", text))


# Letters that point at one language. Vietnamese-only letters count double: no other
# language the assistant meets uses them.
_LANGUAGE_LETTERS: Dict[str, FrozenSet[str]] = {
    "es": frozenset("ñáíóúü¿¡é"),
    "fr": frozenset("àâçèéêëîïôùûÿœæ"),
    "pt": frozenset("ãõçâêôáéíóú"),
    "de": frozenset("äöüß"),
    "it": frozenset("àèìòù"),
    "vi": frozenset("ăâđêôơưàảãạấầẩẫậắằẳẵặèẻẽẹếềểễệìỉĩịòỏõọốồổỗộớờởỡợùủũụứừửữựỳỷỹỵ"),
}
_VIETNAMESE_ONLY = frozenset("ăđơư") | frozenset(chr(c) for c in range(0x1EA0, 0x1EFA))
_FRENCH_ELISION = re.compile(r"^(?:j|l|d|n|m|c|s|t|qu)['’]\w")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_LINK = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")

# Model confidence needed, by how much word evidence backs the guess. Calibrated on the
# 1,900 English messages of data/nlu and tests/eval plus slang (none flagged) and on
# short patient messages in each language.
_MIN_WORDS = 3  # fewer words than this need two pieces of evidence
_CONFIDENCE_ONE_EVIDENCE = 0.5
_CONFIDENCE_TWO_EVIDENCE = 0.3
_ENGLISH_SHARE = 0.5  # this share of English-only words makes a message English
_CLOSE_CONFIDENCE = 0.2  # guesses this close are told apart by their words
_MAX_CHARS = 600  # enough to tell; keeps the model's time bounded
# Languages whose emergency phrases and urgent rows share no words with English (checked by
# the tests on the English messages); French is left out ("convulsion", "suicide" are
# English too).
# When several match ("desmaiou" is also in the Spanish list), the one with the most
# words of its own wins.
_EMERGENCY_EVIDENCE_LANGUAGES = ("es", "pt", "it", "de", "vi", "tl")
# Haitian Creole: two of its own words, or one with two shared ones ("m pa ka", "li") or
# with nothing else, or any two with an emergency phrase ("pa ka respire").
_CREOLE_STRONG_NEEDED = 2
_CREOLE_WITH_WEAK = (1, 2)


@dataclass(frozen=True)
class _Guess:
    language: str
    confidence: float


# Portuguese, German and Italian cost about 15, 24 and 15 MB of models (process RSS before
# and after building the detector, one malloc arena; about 50 MB together in a process
# that has imported Rasa). Haitian Creole is not in lingua and is read from its words.
_LINGUA_LANGUAGES = (
    "ENGLISH", "SPANISH", "FRENCH", "VIETNAMESE", "TAGALOG", "PORTUGUESE", "GERMAN", "ITALIAN",
)
_detector_lock = threading.Lock()
_detector_instance = None


def _detector():
    """The lingua detector, built once per process (about 1.2 s, 160 MB)."""
    global _detector_instance
    if _detector_instance is not None:
        return _detector_instance
    with _detector_lock:
        if _detector_instance is None:
            from lingua import Language, LanguageDetectorBuilder

            languages = [getattr(Language, name) for name in _LINGUA_LANGUAGES]
            _detector_instance = (
                LanguageDetectorBuilder.from_languages(*languages)
                .with_preloaded_language_models()
                .build()
            )
    return _detector_instance


def warm_up() -> None:
    """Load the language models now (at server start) rather than on the first message."""
    _detector()


def _model_guesses(text: str) -> List[_Guess]:
    values = _detector().compute_language_confidence_values(text[:_MAX_CHARS])
    return [_Guess(v.language.iso_code_639_1.name.lower(), v.value) for v in values]


def _fold(text: str) -> str:
    """Lower case without accents ("Desmayó" -> "desmayo", "đau" -> "dau")."""
    text = text.lower().replace("đ", "d").replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


def _evidence(language: str, text: str, words: Sequence[str]) -> int:
    """How many signs of `language` the message carries: its words and its letters."""
    count = len(set(words) & _LANGUAGE_WORDS.get(language, frozenset()))
    letters = _LANGUAGE_LETTERS.get(language, frozenset())
    lowered = text.lower()
    if language == "vi" and _VIETNAMESE_ONLY.intersection(lowered):
        count += 2
    elif letters.intersection(lowered):
        count += 1
    if language == "fr":
        count += len({word for word in words if _FRENCH_ELISION.match(word)})
    if language == "ht":
        strong, weak = _creole_words(words)
        count += strong + weak
    return count


def _creole_words(words: Sequence[str]) -> Tuple[int, int]:
    """How many distinct Haitian Creole words a message has: its own, and shared ones."""
    distinct = set(words)
    return len(distinct & _CREOLE_STRONG), len(distinct & _CREOLE_WEAK)


def _is_creole(text: str, words: Sequence[str]) -> bool:
    """Whether a message is Haitian Creole, told by its words (lingua does not know it)."""
    strong, weak = _creole_words(words)
    if strong >= _CREOLE_STRONG_NEEDED:
        return True
    if strong >= _CREOLE_WITH_WEAK[0] and weak >= _CREOLE_WITH_WEAK[1]:
        return True
    if strong and weak and strong + weak == len(set(words)):
        return True  # "mèsi anpil": nothing but Creole words
    return strong + weak >= 2 and bool(_findings("ht", text))


_NAME_PARTICLES = frozenset("de del la las los da das do dos di van von der le y".split())


def _name_positions(raw_words: Sequence[str]) -> FrozenSet[int]:
    """Words that are names ("Tran Van Minh", "Maria de la Cruz"), not the patient's language:
    capitalised words after the first, and particles between two capitalised words."""
    capital = [i > 0 and word[:1].isupper() for i, word in enumerate(raw_words)]
    names = {i for i, is_capital in enumerate(capital) if is_capital}
    for i, word in enumerate(raw_words):
        if word.lower() not in _NAME_PARTICLES or i == 0:
            continue
        before = raw_words[i - 1][:1].isupper()
        after = next((raw_words[j][:1].isupper() for j in range(i + 1, len(raw_words))
                      if raw_words[j].lower() not in _NAME_PARTICLES), False)
        if before and after:
            names.add(i)
    return frozenset(names)


def _latin_language(text: str) -> Optional[str]:
    """A Latin-script language (Spanish, Portuguese, French, Italian, German, Vietnamese,
    Tagalog, Haitian Creole, romanised Hindi) when the text clearly is one; else None."""
    raw_words = _WORD.findall(text)
    words = [_fold(word).replace("’", "'") for word in raw_words]
    if not words:
        return None
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    if english >= _ENGLISH_SHARE * len(words):
        return None
    names = _name_positions(raw_words)
    evidence_words = [word for i, word in enumerate(words) if i not in names]
    # Haitian Creole and Hindi first: the model does not know them in Latin letters.
    if _is_creole(text, evidence_words):
        return "ht"
    if _is_romanised_hindi(text, evidence_words):
        return "hi"
    guesses = _model_guesses(text)
    english_confidence = next((g.confidence for g in guesses if g.language == "en"), 0.0)
    confidence = {guess.language: guess.confidence for guess in guesses}
    candidates: List[Tuple[_Guess, int]] = []
    for guess in guesses:
        if guess.language == "en" or guess.confidence <= english_confidence:
            continue  # never overrule the model when it prefers English
        evidence = _evidence(guess.language, text, evidence_words)
        if len(words) < _MIN_WORDS:
            enough = evidence >= 2 and guess.confidence >= _CONFIDENCE_ONE_EVIDENCE
        else:
            enough = (evidence >= 1 and guess.confidence >= _CONFIDENCE_ONE_EVIDENCE) or (
                evidence >= 2 and guess.confidence >= _CONFIDENCE_TWO_EVIDENCE
            )
        if enough:
            candidates.append((guess, evidence))
    if candidates:
        # Close languages (Spanish, Portuguese, Italian) get close scores on a short
        # message; among the close guesses, the one with the most words of its own wins.
        top = candidates[0][0].confidence
        close = [c for c in candidates if c[0].confidence >= top - _CLOSE_CONFIDENCE]
        return max(close, key=lambda c: (c[1], c[0].confidence))[0].language
    # An emergency phrase or an urgent row is evidence enough where the model hesitates on a
    # short message ("me desmayé", "kho tho", "collo rigido"): those phrases are no English,
    # and missing one would leave the patient without the advice.
    matching = [language for language in _EMERGENCY_EVIDENCE_LANGUAGES
                if _findings(language, text) or _findings(language + _URGENT, text, URGENT_ROWS)]
    if not matching:
        return None
    return max(matching, key=lambda language: (
        _evidence(language, text, evidence_words), confidence.get(language, 0.0)))


def detect_language(text: str) -> Optional[str]:
    """ISO 639-1 code of a message confidently not in English; None for English or unsure."""
    if not text or not text.strip():
        return None
    text = unicodedata.normalize("NFC", _LINK.sub(" ", text))
    script_language = _script_language(text)
    if script_language:
        return script_language
    return _latin_language(text)


# =====================================================================================
# Emergencies written in another language
# =====================================================================================

# Finding names (CLINICAL.md triage table emergency row, general emergencies, crisis).
BREATHING = "breathing_difficulty"
CHEST_PAIN = "chest_pain"
THROAT = "throat_swelling"
LIPS = "lip_or_tongue_swelling"
FAINTING = "fainting"
SEIZURE = "seizure"
STROKE = "stroke_signs"
BLEEDING = "severe_bleeding"
COUGHING_BLOOD = "coughing_blood"
CONFUSION = "confusion"
BLUE_LIPS = "blue_lips"
CRISIS = "crisis"

# A body finding outranks "crisis" in one message: its 911 reply covers an overdose too.
# General emergencies and meningitis, in the languages that have them (Spanish in full).
WORST_HEADACHE = "worst_headache"
POISONING = "poisoning"
SEVERE_VOMITING = "severe_vomiting"
MENINGITIS = "meningitis_emergency"
INFANT_FEVER = "infant_fever"  # a baby under 3 months with any fever (CLINICAL.md, children)

_ORDER = (
    BREATHING, THROAT, LIPS, BLUE_LIPS, CHEST_PAIN, FAINTING, SEIZURE, STROKE, BLEEDING,
    COUGHING_BLOOD, CONFUSION, INFANT_FEVER, MENINGITIS, WORST_HEADACHE, POISONING,
    SEVERE_VOMITING, CRISIS,
)

# Parts of a crisis that only count together (CLINICAL.md, mental health crisis): "I can't
# take it any more" is distress, pills put aside are a means; both in one message are a plan.
DESPAIR = "despair"
MEANS = "means"
# Likewise a swollen leg or arm and warmth or redness told in two clauses ("la jambe est
# gonflée et chaude") are the clot row of the urgent tables.
SWOLLEN_LIMB = "swollen limb"
WARM_OR_RED = "warm or red"
_TOGETHER: Tuple[Tuple[FrozenSet[str], str], ...] = (
    (frozenset({DESPAIR, MEANS}), CRISIS),
    (frozenset({SWOLLEN_LIMB, WARM_OR_RED}), "clot_signs"),
)

_FILLER = r"(?:\w+ )"  # one word between the parts of a phrase ("dolor MUY fuerte en el")

# The urgent rows of the triage table and of a weak immune system (CLINICAL.md), named as
# the English findings: the care team calls back the same day. Urgent tables use these.
URGENT_ROWS = (
    "high_fever", "dark_urine", "low_urine", "blood_in_urine", "jaundice", "shingles",
    "clot_signs", "meningitis_signs", "spreading_rash", "persistent_vomiting", "racing_heart",
    "chest_infection", "urinary_infection", "site_infection", "bloody_diarrhoea", "dehydration",
)
HIGH_FEVER = "high_fever"  # a fever said to be high, or with shaking
# The parts of the fever row, weighed with any temperature reading (see _fever_reported):
FEVER_NAMED = "fever named"  # "fiebre", "fièvre", "sốt", "发烧", "열이 나요", "bukhar"
TEMPERATURE_WORD = "temperature word"  # "temperatura", "体温": a fever only with a reading
LOW_GRADE = "low-grade fever"  # "un poco de fiebre", "低烧", "미열": self-care, unless a baby
_FEVER_PARTS = (HIGH_FEVER, FEVER_NAMED, TEMPERATURE_WORD, LOW_GRADE)


@dataclass(frozen=True)
class _LanguageRules:
    """How to read one language: its phrases per finding and how it negates."""

    concepts: Dict[str, Tuple[str, ...]]
    negators: FrozenSet[str]  # words that deny a finding just before it
    clause_breaks: Tuple[str, ...] = ()  # words that end a negation's reach ("pero")
    doubt: Tuple[str, ...] = ()  # "no sé si ..." is doubt, not denial
    window: int = 4  # words (or characters for CJK) before a phrase that can deny it
    by_characters: bool = False  # Chinese, Korean: no spaces between words
    negation_after: Tuple[str, ...] = ()  # Korean denies after the verb ("아프지 않아요")
    fold_accents: bool = True  # match accent-free (Spanish typed without accents)
    word_start: bool = True  # a phrase starts at the start of a word
    # Portuguese "é", Italian "è" (is) become "eh", so that "e" (and) can end a clause.
    lone_is: bool = False
    # Words that hold a denial character without denying (Chinese 非常 "very", 特别).
    not_denials: Tuple[str, ...] = ()
    # Words that deny the phrase just before them ("seene mein dard nahi hai", "боли нет").
    denial_after: FrozenSet[str] = frozenset()
    after_window: int = 2


# --- Spanish --------------------------------------------------------------------------
# The language of about 13% of US homes (CLINICAL.md), so the assistant answers Spanish
# emergencies in full: each finding of the emergency row, the general emergencies and the
# crisis section, in the lay words of Mexico, Central America, the Caribbean and Spain.
# Written without accents (matched on accent-free text) and with the usual misspellings
# (h dropped, ll for y, c for s). "me/le/te/nos" and "se me/se le" make one pattern cover
# the patient and a child, a spouse or a parent ("a mi hijo le duele el pecho").
# A pattern that holds a denial word ("no puedo respirar", "sin poder respirar") is a
# finding, not a denial.
_ES_WHO = r"(?:me|le|te|nos|les)"
_ES_CAN = (
    r"(?:puedo|puede|pueden|podemos|podia|podias|pude|pudo|logro|logra|consigo|consigue)"
)
_ES_PILLS = r"(?:pastillas|pildoras|medicinas|medicamentos|tabletas|capsulas)"
_ES_POISON = (
    r"(?:cloro|veneno|lejia|blanqueador|detergente|insecticida|raticida|gasolina|anticongelante)"
)
_SPANISH: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"(?:no|ni|tampoco|casi no|apenas) {_FILLER}?{_ES_CAN} {_FILLER}?respirar",
        rf"(?:no|ni|casi no|apenas) {_FILLER}?{_ES_CAN} (?:jalar|tomar|agarrar|coger|meter) "
        r"(?:el |nada de )?aire",
        r"sin poder respirar",
        r"no (?:me|le|lo|la|nos) deja(?:ba)? respirar",
        rf"{_ES_WHO} falta(?:ba|n)? {_FILLER}{{0,2}}(?:el )?aire",
        r"(?:falta|corto|cortos?) de (?:aire|aliento|respiracion)",
        r"(?:quedo|quede|queda|quedando) sin (?:aire|aliento)",
        r"(?:me|se|te|nos) ahog(?:o|a|an|aba|ue)\b",
        r"ahogando(?:me|se|nos)?\b",
        r"asfixi(?:a|o|ando|arme|arse|ado|ada)\b",
        rf"(?:dificultad|problemas?|trabajo) {_FILLER}?(?:para|al) respirar",
        rf"{_ES_WHO} cuesta(?:ba)? {_FILLER}{{0,2}}respirar",
        r"(?:respiro|respira|respiramos|respirando) (?:muy |bien )?(?:mal|con dificultad|"
        r"rapido|agitad[oa]|raro|feo)\b",
        r"respiracion (?:muy )?(?:dificil|agitada|entrecortada|forzada|rapida)",
        r"no (?:me |le )?entra (?:el |nada de |suficiente )?aire",
        r"no respira\b",
        r"(?:dejo|deja|dejado) de respirar",
        rf"(?:silba|chifla|pita|silbando|chiflando) {_FILLER}{{0,2}}pecho",
        r"silbido(?:s)? (?:en el pecho|al respirar)",
        r"sibilancias",
        r"(?:me|se|le) (?:atragant[eoa]|atore|atoro|atora|atoran|esta atragantando)\b",
    ),
    CHEST_PAIN: (
        rf"(?:dolor|dolores|opresion|presion|apreton|peso|ardor|punzadas?|piquetes?|"
        rf"molestias?) {_FILLER}{{0,4}}(?:en el|del|en mi|al|de|en) {_FILLER}?(?:pecho|torax)",
        r"dolor (?:\w+ )?toracico",
        rf"{_ES_WHO} {_FILLER}{{0,2}}duel(?:e|en|ia) {_FILLER}{{0,3}}(?:pecho|torax|corazon)",
        rf"(?:pecho|torax) {_FILLER}{{0,2}}duel(?:e|en|ia)\b",
        rf"pecho {_FILLER}?(?:apretado|oprimido|pesado|cerrado)",
        rf"{_ES_WHO} (?:aprieta|oprime|arde|pesa|punza|quema|cierra) {_FILLER}?(?:el )?pecho",
        r"(?:ataque|infarto) (?:al|del|de) corazon",
        r"\binfarto\b",
        r"ataque cardiaco",
    ),
    THROAT: (
        rf"(?:se )?{_ES_WHO} (?:esta |estan )?(?:h?incha|h?inchando|h?incho|cierra|"
        rf"cerrando|cerro|aprieta) {_FILLER}?(?:la )?garganta",
        rf"garganta {_FILLER}{{0,3}}(?:h?inchad[ao]|cerrad[ao]|cerrando|apretad[ao]|"
        r"se cierra|h?inchando|h?incha)\b",
        rf"(?:no|apenas|casi no) {_FILLER}?{_ES_CAN} (?:tragar|pasar saliva|pasar la saliva)",
        rf"(?:dificultad|cuesta|cuesta trabajo) {_FILLER}?(?:para |al )?tragar",
        rf"h?inchazon {_FILLER}{{0,2}}garganta",
    ),
    LIPS: (
        rf"(?:labio|labios|lengua|boca|bemba|bembas|jeta|cara) {_FILLER}{{0,2}}"
        r"(?:h?inchad[oa]s?|inflamad[oa]s?|h?inchando|h?inchandose|gord[oa]s?)\b",
        rf"(?:se )?{_ES_WHO} (?:esta |estan )?(?:h?incha|h?inchan|h?incharon|h?inchando|"
        rf"h?incho|inflama|inflaman|inflamando|inflamaron) {_FILLER}?(?:los |la |el )?"
        r"(?:labio|labios|lengua|boca|cara)\b",
        rf"(?:h?inchazon|inflamacion) {_FILLER}{{0,2}}(?:labio|labios|lengua|boca|cara)\b",
        r"(?:lengua|labios?) (?:muy )?(?:grande|gigante|gruesa|gruesos)\b",
    ),
    BLUE_LIPS: (
        rf"(?:labios|labio|boca|unas|dedos|cara) {_FILLER}{{0,2}}(?:morad[oa]s?|azul(?:es)?|"
        r"azulad[oa]s?|gris(?:es)?|amoratad[oa]s?)\b",
        rf"se (?:puso|pusieron|esta poniendo|pone|ponen) {_FILLER}{{0,2}}(?:morad[oa]s?|"
        r"azul(?:es)?|azulad[oa]s?)\b",
        r"cianosis",
    ),
    FAINTING: (
        r"desma(?:y|ll)(?:e|o|ado|ada|ar|arme|arse|ando|andome|andose|a|an|aron)\b",
        r"desmayo\b",
        r"(?:perdi|perdio|pierde|perdiendo|perdida del?|perder|perdido) (?:el )?"
        r"(?:conocimiento|sentido|conciencia)",
        r"(?:desvanec|desplom)\w*",
        r"(?:se|me) priv(?:o|e)\b",
        r"(?:esta|quedo|quede|estaba) inconsciente",
        r"\binconsciente\b",
        # Portuguese, which the detector reads as Spanish: "desmaiou", "desmaiei"
        r"desmai\w*",
    ),
    SEIZURE: (
        # "convulsion" alone is also English: the singular needs a Spanish word before it.
        r"convul[sc]ion(?:es|ando|o|a|aba|ar)\b",
        r"(?:una|la|tiene|tuvo|dio|da|con) convul[sc]ion\b",
        r"(?:ataque|crisis) (?:de )?(?:epilep\w+|convulsiv[oa])",
        r"(?:le|me) (?:dio|dan|dieron|esta dando) (?:un |una )?ataque\b"
        r"(?! (?:de|al) (?:tos|risa|nervios|ansiedad|panico|corazon|asma))",
        r"ojos en blanco",
        r"(?:echando|echa|saca|sacando) espuma (?:por|de) la boca",
    ),
    STROKE: (
        rf"(?:cara|boca|rostro) {_FILLER}{{0,2}}(?:caid[ao]|torcid[ao]|chuec[ao]|ladead[ao]|"
        r"paralizad[ao]|colgad[ao]|desviad[ao])\b",
        rf"se (?:le|me) (?:cayo|callo|cae|esta cayendo|torcio|tuerce|tuercio) {_FILLER}?"
        r"(?:la )?(?:cara|boca)\b",
        # Someone else who cannot speak; the patient typing "no puedo hablar" is usually
        # busy ("no puedo hablar ahora"), unless speech itself is wrong ("bien", "claro").
        rf"(?:no|casi no|ya no) {_FILLER}?(?:puede|pueden|podia|pudo|logra) hablar",
        rf"(?:no|casi no) {_FILLER}?{_ES_CAN} hablar (?:bien|claro)",
        rf"(?:no|casi no) {_FILLER}?{_ES_CAN} (?:mover|levantar|sentir) {_FILLER}{{0,2}}"
        r"(?:brazo|pierna|mano|lado)\b",
        rf"habl(?:a|o|ando) {_FILLER}?(?:raro|mal|arrastrad[ao]|enredad[ao]|trabad[ao]|"
        r"incoherente|chistoso|sin sentido)\b",
        rf"arrastr\w* {_FILLER}?(?:las )?(?:palabras|lengua)",
        rf"(?:se le|se me) traba {_FILLER}?(?:la )?lengua",
        r"lengua trabada",
        r"no (?:le|me) salen (?:las )?palabras",
        r"(?:derrame|infarto|ataque) cerebral",
        r"\bembolia\b",
        rf"(?:un lado|la mitad|lado izquierdo|lado derecho) {_FILLER}{{0,3}}(?:dormid[oa]|"
        r"entumid[oa]|paralizad[oa]|adormecid[oa]|sin fuerza|debil|no lo siento|"
        r"no la siento)\b",
        rf"(?:debilidad|entumecimiento|adormecimiento|paralisis|hormigueo) {_FILLER}{{0,3}}"
        r"(?:un lado|la mitad|lado izquierdo|lado derecho)\b",
        r"(?:perdi|perdio|perdida de) (?:\w+ )?(?:la )?vista",
        r"(?:no|ya no) (?:veo|ve) (?:nada|de un ojo)",
        r"(?:me quede|se quedo) cieg[oa]",
        rf"(?:peor|mas fuerte) dolor de cabeza {_FILLER}{{0,3}}vida",
        rf"dolor de cabeza {_FILLER}{{0,2}}(?:repentino|de repente|insoportable|explosivo)",
    ),
    BLEEDING: (
        r"no (?:para|deja|paro|dejo|se detiene|se para|se quita) de sangrar",
        rf"sangrado {_FILLER}{{0,2}}(?:no para|no se detiene|abundante|fuerte|mucho)",
        rf"(?:sangra|sangro|sangrando|sangrado) {_FILLER}?(?:mucho|muchisimo|sin parar|"
        r"demasiado|a chorros)",
        r"\bhemorragia\b",
        r"(?:mucha|bastante|demasiada) sangre",
    ),
    COUGHING_BLOOD: (
        rf"(?:tos|toser|tosiendo|toso|tose|tosio|tosi|escupo|escupe|escupiendo|vomito|"
        rf"vomita|vomitando|vomite|[bv]omitando|arrojando|devolviendo) {_FILLER}{{0,2}}sangre",
        r"sangre al toser",
    ),
    CONFUSION: (
        rf"(?:esta|estoy|anda|se ve|lo veo|la veo|muy|bien) {_FILLER}?(?:confundid[oa]|"
        r"desorientad[oa])\b(?! (?:con|sobre|acerca|por|de) )",
        r"no (?:sabe|se) (?:donde|quien) (?:esta|es|estoy|soy)",
        r"no (?:me|nos|la|lo) reconoce",
        r"no reacciona\b",
        r"no responde(?: a nada| nada)?$",  # at the clause end: not "no responde mis mensajes"
        rf"(?:no|casi no) {_FILLER}?(?:se despierta|despierta|{_ES_CAN} despertar\w*)",
        r"(?:dificil|cuesta|cuesta mucho|cuesta trabajo) despertar\w*",
        r"dificil de acordar",  # Portuguese
        r"(?:esta|anda) (?:delirando|alucinando)",
        r"dice cosas sin sentido",
        r"no (?:esta|anda) en si\b",
        rf"(?:actua|actuando|se comporta|comportando) {_FILLER}?(?:raro|extrano|extrana)\b",
    ),
    CRISIS: (
        rf"(?:quiero|kiero|quisiera|quiere|queria|deseo|desea|ganas de|"
        rf"(?:pienso|piensa|pensando|pensado|pensaba|pense|penso) en|"
        rf"pensamientos de) {_FILLER}?(?:morir|morirme|morirse|matarme|matarse|suicidarme|"
        r"suicidarse|quitarme la vida|quitarse la vida|estar muert[oa])\b",
        r"(?:me|se|te) (?:quiero|kiero|quiere|queria|quisiera) (?:morir|matar|suicidar)\b",
        r"(?:me|se) (?:voy|va|iba) a (?:matar|suicidar|quitar la vida)\b",
        r"suicid(?:a|as|arme|arse|arte|io|ios)\b",
        r"(?:acabar|terminar) con (?:mi|su) vida",
        r"(?:hacerme|hacerse) dano",
        r"(?:cortarme|cortarse|me corto|me corte) (?:las )?(?:venas|munecas|brazos)",
        r"no (?:quiero|kiero|quiere|queria) (?:seguir )?viv(?:ir|iendo)\b",
        r"(?:no vale la pena|sin ganas de) vivir",
        r"(?:mejor|prefiero|quisiera) (?:estar )?muert[oa]\b",
        rf"(?:tome|tomo|trague|trago|tomado|tragado|tomaste) {_FILLER}{{0,2}}(?:muchas|"
        rf"todas|demasiadas|frasco|bote|caja|monton|puno|punado)\w* {_FILLER}{{0,2}}{_ES_PILLS}",
        r"\bsobredosis\b",
        r"(?:quiero|voy a|ganas de) matar a\b",
        # A plan: a place, a rope, a gun, or the pills taken all at once or to not wake up.
        rf"(?:tirarme|aventarme|lanzarme|botarme|me voy a (?:tirar|aventar|lanzar)|me tiro|"
        rf"me aviento|me lanzo) {_FILLER}{{0,3}}(?:puente|edificio|techo|azotea|balcon|"
        r"ventana|piso|metro|tren|carro|camion|carretera|autopista|vias?)\b",
        r"(?:ahorcarme|ahorcarse|me voy a ahorcar|me ahorco|colgarme (?:de|del|con))\b",
        r"(?:pegarme|darme|me voy a pegar|me voy a dar|se va a pegar) un (?:tiro|balazo)",
        r"(?:quitarme|quitarse) de en medio",
        r"(?:cansad[oa]|harto|harta|hart[oa]) de vivir",
        r"(?:ojala|quisiera|prefiero) (?:no despertar|morirme|ya no despertar)",
        r"no (?:quiero|kiero) (?:volver a )?despertar(?:me)?\b"
        r"(?! (?:a|al|la|lo|le|los|las|temprano|tarde|de noche|en la noche)\b)",
        rf"(?:tomarme|tomarmelas|tragarme|tragarmelas|me (?:voy|las voy) a (?:tomar|tragar)) "
        rf"{_FILLER}{{0,3}}(?:todas|todos|el frasco|la caja|el bote)\b {_FILLER}{{0,3}}"
        r"(?:de (?:un|una) (?:golpe|vez|jalon)|juntas|a la vez|para (?:no despertar(?:me)? "
        r"(?:mas|nunca)|morir(?:me)?))",
        r"para (?:no despertar(?:me)? (?:mas|nunca)|morirme|acabar con todo)\b",
        rf"(?:quiero|voy a|ganas de|pienso) {_FILLER}?(?:acabar|terminar) con todo",
    ),
    # "Ya no aguanto más" with the pills put aside: together they are a crisis.
    DESPAIR: (
        r"(?:ya )?no (?:aguanto|soporto|puedo) mas\b",
        r"ya no (?:aguanto|soporto|puedo)\b",
        r"no (?:lo|la) (?:aguanto|soporto) mas",
        r"(?:ya )?no puedo con (?:esto|la vida|mi vida)",
        r"no (?:le )?(?:veo|encuentro) (?:sentido|salida)",
    ),
    MEANS: (
        rf"{_ES_PILLS} {_FILLER}{{0,3}}(?:guardad|juntad|escondid|ahorrad|acumulad|listas|"
        r"juntas|reunid)\w*",
        rf"(?:guarde|junte|guardado|juntado|ahorrado|acumulado|escondido|reuni|junto|guardo) "
        rf"{_FILLER}{{0,3}}{_ES_PILLS}",
        rf"(?:todas|todos) {_FILLER}{{0,2}}(?:de (?:un|una) (?:golpe|vez|jalon)|juntas|a la vez|"
        r"esta noche|hoy en la noche)",
        r"para (?:tomarmelas|tragarmelas|tomarmelos)\b",
        r"(?:soga|cuerda|pistola|arma|navaja|puente|azotea)\b",
    ),
    # ACEP warning signs (sudden worst headache, poisoning, vomiting that keeps even water
    # out) and bacterial meningitis (fever with a stiff neck or purple spots), in Spanish
    # lay words, accents and "z/s" as people type them.
    WORST_HEADACHE: (
        r"(?:el )?peor dolor de cabe[zs]a",
        rf"dolor de cabe[zs]a {_FILLER}{{0,3}}(?:de repente|repentin\w*|insoportable|"
        r"como nunca|explot\w*)",
        r"(?:me|le) (?:va a )?explot\w* la cabe[zs]a",
    ),
    POISONING: (
        # Without accents "tomo" is both "I take" and "took": "me tomo las pastillas" is a
        # routine, "se tomó unas pastillas" (a child, a parent) is the poisoning.
        rf"(?:se (?:tomo|trago)|comio|bebio|tomaron|tragaron|comieron|bebieron|se tomaron|"
        rf"se tragaron) {_FILLER}{{0,3}}(?:pastillas|pildoras|medicinas?|medicamentos?|{_ES_POISON})",
        rf"(?:tomo|trago) {_FILLER}{{0,3}}{_ES_POISON}",
        rf"(?:tomó|tragó) {_FILLER}{{0,3}}(?:pastillas|píldoras|pildoras|medicinas?|medicamentos?)",
        r"envenen\w*",
        r"intoxic\w*",
    ),
    SEVERE_VOMITING: (
        r"no (?:aguanta|aguanto|retiene|retengo|tolera|tolero|le queda|me queda|puede tomar|"
        r"puedo tomar) (?:ni )?(?:el |la |un )?(?:agua|liquidos?|suero)",
        rf"vomit\w* {_FILLER}{{0,3}}(?:hasta |incluso )?el agua",
    ),
    MENINGITIS: (
        rf"fiebre {_FILLER}{{0,6}}(?:cuello|nuca) {_FILLER}?(?:rigid|ties|dur)\w*",
        rf"(?:cuello|nuca) {_FILLER}?(?:rigid|ties|dur)\w* {_FILLER}{{0,6}}fiebre",
        rf"(?:manchas|puntos|puntitos|ronchas) {_FILLER}?(?:morad|purpur|violeta)\w*",
    ),
}
_SPANISH_RULES = _LanguageRules(
    concepts=_SPANISH,
    negators=frozenset("no ni nunca jamas tampoco sin nada ningun ninguna ninguno".split()),
    clause_breaks=("pero", "aunque", "sino", "y", "e"),
    doubt=("no se si", "no estoy segur", "no sabemos si", "no sabe si", "no se que"),
)

# The urgent rows in Spanish (the triage table and the infections of a weak immune system):
# the care team is asked to call back the same day, and the reply stays the Spanish one
# (call 911 in an emergency; the team will contact you). Names are the English findings'.
_SPANISH_URGENT: Dict[str, Tuple[str, ...]] = {
    HIGH_FEVER: (
        r"(?:fiebre|calentura|temperatura) (?:muy )?alta",
        r"(?:mucha|muchisima|bastante) (?:fiebre|calentura)",
        r"(?:fiebre|calentura) (?:con|y) (?:escalofrios|temblores|tiritona)",
    ),
    FEVER_NAMED: (r"(?:fiebre|calentura|febril|afiebrad[oa]|calenturient[oa])\b",),
    TEMPERATURE_WORD: (r"(?:temperatura|termometro)\b",),
    LOW_GRADE: (
        r"(?:un poco|poquita|poquito|poca|algo|unas lineas|unas decimas|unas lineitas) de "
        r"(?:fiebre|calentura|temperatura)",
        r"(?:fiebre|calentura|temperatura) (?:baja|leve|ligera|poquita)",
        r"febricula",
        r"destemplad[oa]",
    ),
    "dark_urine": (
        rf"(?:orina|pipi|pis|orin) {_FILLER}{{0,2}}(?:oscur[oa]|marron|cafe|negr[oa])",
        r"(?:como|color) (?:coca ?cola|cafe|te|refresco de cola)",
    ),
    "low_urine": (
        rf"(?:no|casi no|apenas) {_FILLER}?(?:orino|orina|ha orinado|he orinado|e orinado|hago pipi|"
        r"hace pipi|ha hecho pipi|he hecho pipi|moja el panal|ha mojado el panal)",
        r"orin(?:o|a) muy poco",
    ),
    "blood_in_urine": (
        rf"sangre en {_FILLER}?(?:orina|pipi|pis)",
        rf"(?:orina|pipi|pis) {_FILLER}?(?:con sangre|roj[oa]|rosad[oa])",
        r"orin(?:o|a|ando) sangre",
    ),
    "jaundice": (
        rf"(?:ojos|piel) {_FILLER}?amarill",
        r"(?:me veo|se ve|esta|estoy|se puso|me puse) amarill",
        r"ictericia",
    ),
    "shingles": (
        rf"ampollas? {_FILLER}{{0,8}}(?:franja|banda|faja|cinturon|un lado|de un lado)",
        r"culebrilla",
        r"herpes zoster",
    ),
    "clot_signs": (
        rf"(?:pantorrilla|pierna|brazo|chamorro) {_FILLER}{{0,2}}(?:hinchad[oa]|inflamad[oa])"
        rf",? {_FILLER}{{0,3}}(?:calient|dolor|duele|roj)",
        # A swollen calf is the clot sign of the table by itself (a comma parts clauses).
        rf"(?:pantorrilla|chamorro) {_FILLER}{{0,2}}(?:hinchad[oa]|inflamad[oa])",
        r"(?:un )?coagulo",
        r"trombosis",
    ),
    SWOLLEN_LIMB: (
        rf"(?:pierna|brazo|pantorrilla|chamorro|muslo) {_FILLER}{{0,2}}(?:hinchad|inflamad)\w*",
        rf"(?:se me|se le) (?:hincho|hincharon|esta hinchando) {_FILLER}?(?:la |el )?"
        r"(?:pierna|brazo|pantorrilla)",
    ),
    WARM_OR_RED: (r"(?:caliente|calientita|rojo|roja|rojiza|enrojecid\w*|dura|duro)\b",),
    "meningitis_signs": (
        rf"(?:cuello|nuca) {_FILLER}?(?:rigid[oa]|ties[oa]|dur[oa])\b",
        r"rigidez (?:en el|del|de|en la) (?:cuello|nuca)",
        rf"(?:no|ni) {_FILLER}?{_ES_CAN} (?:doblar|mover|bajar) (?:el|la) (?:cuello|cabeza)",
        rf"la luz {_FILLER}?(?:molesta|lastima|duele)",
    ),
    "spreading_rash": (
        rf"(?:sarpullido|ronchas|erupcion|manchas|granitos|salpullido) {_FILLER}{{0,3}}"
        r"(?:se (?:extiende|extienden|esta extendiendo|estan extendiendo|riega|riegan)|"
        r"por todo el cuerpo)",
        r"ampollas",
    ),
    "persistent_vomiting": (
        rf"(?:no|ni) {_FILLER}?(?:para|paro|deja|dejo|dejamos) de (?:vomitar|[bv]omitar|devolver)",
        r"vomitos? (?:que no (?:para|paran)|sin parar)",
        r"(?:vomita|vomito|devuelve) todo",
    ),
    "racing_heart": (
        rf"(?:corazon|pulso) {_FILLER}{{0,2}}(?:acelerado|muy rapido|late muy|latiendo muy|"
        r"a mil|desbocado)",
        r"palpitaciones",
    ),
    "chest_infection": (
        rf"(?:tos|flemas?) {_FILLER}{{0,3}}(?:verdes?|amarill\w*|con sangre)",
    ),
    "urinary_infection": (
        rf"(?:arde|ardor|duele|dolor|quema) {_FILLER}{{0,2}}(?:al|cuando|para) "
        r"(?:orinar|orino|hacer pipi|hago pipi)",
    ),
    "site_infection": (
        # "pus" is English too: a Spanish word with it ("le sale pus", "tiene pus")
        rf"(?:sale|salio|saliendo|sacando|tiene|tengo|con|hay|echa|echando) {_FILLER}?pus\b",
        r"pus (?:en|de|del) ",
        r"supur\w*",
        r"(?:rayas|lineas) rojas",
    ),
    "bloody_diarrhoea": (
        r"diarrea (?:con sangre|sangrienta)",
        rf"sangre en {_FILLER}?(?:heces|popo|caca|excremento)",
    ),
    "dehydration": (
        r"(?:sin|no (?:tiene|le salen)) lagrimas",
        r"(?:boca|labios) (?:muy )?sec[oa]s?",
    ),
}

# --- French -----------------------------------------------------------------------------
# French speakers in the US (Haitian, West African and Canadian families). Apostrophes
# become spaces ("j'étouffe" -> "j etouffe"); "ne ... pas" in a phrase is the finding.
_FRENCH: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        r"pa ka respire",  # Haitian Creole, should it be read as French
        r"(?:ne |n )?(?:peu[xt]|pouvons|arrive|arrivons|arrivent) (?:plus |pas |presque pas "
        r"|pas bien )(?:a )?respirer",
        r"(?:du|beaucoup de) mal a respirer",
        r"difficultes? (?:a|pour) respirer",
        r"etouff(?:e|es|ent|er|ement)\b",
        r"essouffl(?:e|ee|ement)\b",
        r"souffle court",
        r"manque (?:d air|de souffle)",
        r"respire (?:tres )?mal",
        r"ne respire plus",
    ),
    CHEST_PAIN: (
        rf"(?:douleurs?|mal|serrement|oppression|pression|poids|brulure) {_FILLER}{{0,2}}"
        r"(?:a la|dans la|de la|au niveau de la|sur la) poitrine",
        r"poitrine (?:qui )?(?:serre|serree|fait mal|me fait mal|brule)",
        r"crise cardiaque",
        r"\binfarctus\b",
        r"douleur thoracique",
    ),
    THROAT: (
        rf"gorge {_FILLER}{{0,2}}(?:gonfle|enfle|serree|se serre|se ferme|gonflee|enflee)",
        r"(?:gonflement|enflure) (?:de |a )?la gorge",
        r"(?:ne |n )?(?:peu[xt]|arrive) (?:plus |pas )(?:a )?avaler",
    ),
    LIPS: (
        rf"(?:levres?|langue|visage) {_FILLER}{{0,2}}(?:gonfl|enfl)\w*",
        r"(?:gonflement|enflure) (?:des|de la|du) (?:levres|langue|visage)",
    ),
    BLUE_LIPS: (rf"(?:levres|doigts|visage) {_FILLER}{{0,2}}(?:bleu|bleues|bleus|violet)\w*",),
    FAINTING: (
        r"evanoui\w*",
        r"(?:perdu|perd|perte de) connaissance",
        r"(?:fait|faire) un malaise",
        r"\binconscient\w*",
        r"tombe dans les pommes",
    ),
    SEIZURE: (r"fe kriz", r"convulsion\w*", r"convulse\b", r"convulsiv\w*", r"crise d epilepsie",
              r"crise epileptique"),
    STROKE: (
        r"\bavc\b",
        r"accident vasculaire",
        rf"(?:visage|bouche) {_FILLER}?(?:tombe|paralyse|de travers|deforme)",
        r"(?:ne |n )?(?:peu[xt]|arrive) (?:plus |pas )(?:a )?parler",
        r"parle (?:tres )?mal\b",
        rf"(?:bras|jambe|cote) {_FILLER}?(?:paralyse|engourdi|ne bouge plus)",
        r"(?:perdu|perte de) la vue",
    ),
    BLEEDING: (
        r"saigne (?:beaucoup|enormement|sans arret)",
        r"(?:ne s arrete pas|n arrete pas) de saigner",
        r"\bhemorragie\b",
    ),
    COUGHING_BLOOD: (r"(?:tousse|crache|vomi|vomit|vomis)\w* du sang", r"toux avec du sang"),
    CONFUSION: (
        r"(?:tres |completement )?(?:confus|confuse|desoriente|desorientee)\b",
        r"(?:ne |n )?(?:arrive|peu[xt]) pas a (?:le |la )?reveiller",
        r"ne (?:se )?reveille pas",
        r"ne (?:me |nous )?reconnait pas",
    ),
    CRISIS: (
        r"suicid\w*",
        r"(?:veux|veut|voudrais|envie de) mourir",
        r"(?:me|se) tuer\b",
        r"en finir",
        r"mettre fin a (?:mes|ses) jours",
        rf"(?:pris|avale) (?:trop|beaucoup|toute la boite) (?:de |d )?{_FILLER}?"
        r"(?:medicaments|comprimes|cachets|pilules)",
        r"\bsurdose\b",
        r"me faire du mal",
        r"(?:ne |n )?(?:veux|veut) plus vivre",
        r"(?:plus envie|pas envie|marre|fatigue|fatiguee|lasse?) de vivre",
        r"(?:veux|voudrais|vais|envie d) (?:en )?finir avec (?:la|ma) vie",
        r"(?:me|se) (?:jeter|jette|lancer|lance) (?:du|d un|de la|par la|sous|dans)\b",
        rf"(?:sauter|sauterai|vais sauter) {_FILLER}{{0,2}}(?:du|d un|de la|par la) "
        r"(?:pont|fenetre|toit|immeuble|balcon|falaise)",
        r"(?:me|se) pendre\b",
        r"(?:me|se) tirer une balle",
        rf"(?:pris|avale) {_FILLER}{{0,2}}(?:tous|toutes) {_FILLER}{{0,2}}(?:mes |ses |les )?"
        r"(?:medicaments|comprimes|cachets|pilules)",
        rf"(?:avaler|prendre|vais prendre|vais avaler) {_FILLER}{{0,2}}(?:tous|toutes|toute la "
        rf"boite|la boite) {_FILLER}{{0,3}}(?:d un coup|en meme temps|a la fois|pour (?:mourir|"
        r"en finir|ne plus me reveiller))",
        r"(?:veux|voudrais|envie de) ne plus (?:me )?reveiller",
        r"(?:fait|pris|faire) une (?:overdose|surdose)",
    ),
    DESPAIR: (
        r"(?:j )?(?:en )?(?:peux|peut) plus\b",
        r"(?:ne |n )?(?:supporte|tiens) plus\b",
        r"(?:ras le bol|marre) de tout",
    ),
    MEANS: (
        rf"(?:medicaments|comprimes|cachets|pilules) {_FILLER}{{0,3}}(?:de cote|en reserve|"
        r"caches|gardes|gardees|accumul\w*|stock\w*)",
        rf"(?:garde|mis de cote|accumule|stocke|cache) {_FILLER}{{0,3}}(?:medicaments|"
        r"comprimes|cachets|pilules)",
        rf"(?:tous|toutes) {_FILLER}{{0,2}}(?:d un coup|en meme temps|a la fois|ce soir)",
        r"(?:corde|pont|fusil|pistolet)\b",
    ),
    # Fever with a stiff neck or purple spots (bacterial meningitis).
    MENINGITIS: (
        rf"fievre {_FILLER}{{0,6}}nuque raide",
        rf"nuque raide {_FILLER}{{0,6}}fievre",
        rf"taches? {_FILLER}?(?:violet|pourpre|violacee)\w*",
    ),
}
_FRENCH_RULES = _LanguageRules(
    concepts=_FRENCH,
    negators=frozenset("pas ne n jamais sans aucun aucune ni non".split()),
    clause_breaks=("mais", "et"),
    doubt=("sais pas si", "suis pas sur"),
)

# --- Vietnamese ---------------------------------------------------------------------------
# Vietnamese is often typed without its accents; phrases are matched on accent-free text.
# A phrase written with accents ("tự tử") only matches accented text: without them it is
# another word ("từ từ", slowly).
_VIETNAMESE: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        r"khong (?:the )?tho (?:duoc|noi)",
        r"tho khong (?:duoc|noi)",
        r"kho tho",
        r"ngop tho",
        r"nghet tho",
        r"hut hoi",
        r"tho gap",
        r"ngat tho",
    ),
    CHEST_PAIN: (r"(?:dau|tuc|nhoi|that|nang) (?:o )?nguc", r"dau tim", r"nguc (?:bi )?dau"),
    THROAT: (
        r"sung (?:co )?hong",
        r"(?:co )?hong (?:bi )?sung",
        r"kho nuot",
        r"khong nuot duoc",
    ),
    LIPS: (r"sung (?:moi|luoi|mat)", rf"(?:moi|luoi) {_FILLER}?(?:bi )?sung"),
    BLUE_LIPS: (r"moi (?:bi )?(?:tim|xanh)",),
    FAINTING: (r"ngat xiu", r"bi ngat\b", r"\bxiu\b", r"bat tinh", r"mat y thuc"),
    SEIZURE: (r"co giat", r"dong kinh"),
    STROKE: (
        r"dot quy",
        r"tai bien",
        r"meo mieng",
        r"xe mat",
        r"noi ngong",
        r"khong noi duoc",
        r"liet (?:nua|mot ben)",
        r"(?:yeu|te) (?:nua nguoi|mot ben)",
    ),
    BLEEDING: (r"chay mau (?:nhieu|khong ngung|khong cam)",),
    COUGHING_BLOOD: (r"(?:ho|non|oi) ra mau",),
    CONFUSION: (r"lu lan", r"mat phuong huong", r"khong (?:tinh|danh thuc duoc)"),
    CRISIS: (
        r"tự tử",
        r"tu sat",
        r"muon chet",
        r"khong muon song",
        r"uong (?:qua lieu|nhieu thuoc|het thuoc)",
        r"qua lieu",
        r"tu (?:lam )?hai ban than",
        r"chan song",
        r"(?:ket lieu|ket thuc) (?:cuoc doi|cuoc song|doi minh|ban than|mang song)",
        r"nhay (?:cau|lau|song)\b",
        r"treo co\b",
        r"uong (?:het|ca) (?:lo|vi|hop|hu|chai|tat ca) thuoc",
        r"uong (?:het )?thuoc (?:de|cho) chet",
        r"chet (?:di )?cho (?:xong|roi)",
        r"khong muon (?:thuc day|tinh day) nua",
    ),
    DESPAIR: (
        r"(?:khong|het) (?:chiu|chu) (?:noi|duoc) (?:nua)?",
        r"khong the chiu (?:dung|noi) (?:them|nua)",
    ),
    MEANS: (
        rf"(?:gom|de danh|tich|giu|cat|giau|danh) {_FILLER}{{0,2}}thuoc",
        r"thuoc (?:de danh|gom|tich)",
        r"(?:uong )?(?:het )?mot lan\b",
        r"toi nay (?:se )?uong",
        r"(?:day thung|soi day)",
    ),
}
_VIETNAMESE_RULES = _LanguageRules(
    concepts=_VIETNAMESE,
    negators=frozenset("khong chua het chang".split()),
    clause_breaks=("nhung",),
    window=3,
)

# --- Tagalog -------------------------------------------------------------------------------
# Filipino families often mix English in (Taglish); these are the Tagalog words. "hindi"
# and "wala" deny, except inside "hindi makahinga" (cannot breathe).
_TAGALOG: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"(?:hindi|di|hnd|hndi) {_FILLER}{{0,2}}makahinga",
        rf"hirap {_FILLER}?(?:huminga|sa paghinga|makahinga)",
        rf"nahihirapan\w* {_FILLER}?huminga",
        rf"(?:kinakapos|kapos) {_FILLER}?(?:ng |sa )?(?:hininga|hangin)",
        r"hinihingal",
        r"(?:nasasamid|nabulunan|nabubulunan)",
    ),
    CHEST_PAIN: (
        rf"(?:masakit|sakit|sumasakit|kirot|kumikirot|sikip|masikip|naninikip|paninikip|"
        rf"sumisikip|mabigat|bigat) {_FILLER}{{0,3}}dibdib",
        rf"dibdib {_FILLER}{{0,2}}(?:masakit|sumasakit|naninikip|sumisikip|kumikirot)",
        r"atake sa puso",
    ),
    THROAT: (
        rf"(?:namamaga|maga|pamamaga|sumisikip|naninikip) {_FILLER}{{0,2}}lalamunan",
        rf"lalamunan {_FILLER}{{0,2}}(?:namamaga|maga|sumisikip)",
        r"(?:hirap|hindi|di) (?:ako )?(?:lumunok|makalunok)",
    ),
    LIPS: (
        rf"(?:namamaga|maga|pamamaga|lumalaki) {_FILLER}{{0,3}}(?:labi|dila|mukha)\b",
        rf"(?:labi|dila|mukha) {_FILLER}{{0,2}}(?:namamaga|maga)\b",
    ),
    BLUE_LIPS: (rf"(?:labi|kuko) {_FILLER}{{0,2}}(?:nangingitim|nangangasul|kulay ube|asul)",),
    FAINTING: (
        r"(?:nahimatay|hinimatay|himatay|mahihimatay|nahihimatay)",
        rf"(?:nawalan|walang) {_FILLER}?(?:ng )?(?:malay|ulirat)",
        r"bumagsak",
    ),
    SEIZURE: (r"(?:kumbulsyon|kombulsyon|kinukumbulsyon)", r"(?:nangingisay|nangisay)"),
    STROKE: (
        r"na ?stroke\b",  # "na-stroke": dashes are spaces by now
        r"istrok",
        r"(?:ngiwi|tabingi|nakangiwi) (?:ang )?(?:mukha|bibig)",
        r"(?:bulol|utal) (?:na )?(?:magsalita|siya)",
        r"(?:hindi|di|hirap) (?:na )?(?:makapagsalita|magsalita)",
        r"(?:hindi|di) (?:na )?maigalaw",
        r"manhid ang kalahati",
    ),
    BLEEDING: (r"(?:dumudugo|pagdurugo) (?:nang )?(?:sobra|marami|hindi tumitigil)",),
    COUGHING_BLOOD: (r"(?:umuubo|ubo|nagsusuka|suka) (?:ng |na may )?dugo",),
    CONFUSION: (r"(?:nalilito|lito)", r"(?:hindi|di) (?:magising|ako makilala)"),
    CRISIS: (
        r"\w*pakamatay",
        r"gusto (?:ko )?(?:nang |na )?(?:kong )?mamatay",
        r"(?:ayoko|ayaw ko) (?:nang |na )?mabuhay",
        r"tapusin (?:ang )?(?:aking )?buhay",
        r"(?:uminom|ininom|nilunok) (?:ng |ako ng )?(?:maraming|lahat ng) gamot",
        r"saktan ang (?:aking )?sarili",
        r"(?:ayoko|ayaw ko) (?:nang |na )?(?:mabuhay|sa buhay)",
        r"(?:pagod|sawa) na (?:akong|ako sa) (?:mabuhay|buhay)",
        r"wala (?:nang|ng) (?:saysay|silbi|kwenta) ang (?:buhay|aking buhay)",
        rf"(?:tatalon|tumalon|talon) {_FILLER}?(?:sa|mula sa) (?:tulay|building|gusali|bubong|"
        r"bintana)",
        r"(?:magbibigti|nagbigti|bibigti|magbigti|nagpakabigti)",
        r"(?:lalaslasin|laslasin|laslas) (?:ko )?(?:ang )?(?:pulso|kamay)",
        r"(?:iinumin|lulunukin|inumin|lunukin) (?:ko )?(?:na )?(?:lahat ng|ang lahat ng) gamot",
        r"(?:nag|mag) ?overdose",
    ),
    DESPAIR: (
        r"(?:hindi|di) ko na (?:kaya|kinakaya|matiis|kayang)",
        r"suko na ako",
        r"ayoko na\b",
    ),
    MEANS: (
        r"(?:inipon|itinabi|tinago|iniipon|tinatago|itinatabi) (?:ko )?(?:ang )?(?:mga )?gamot",
        r"gamot (?:na )?(?:inipon|itinabi|tinago)",
        r"(?:mamayang gabi|ngayong gabi|sabay sabay|isang bagsakan)",
        r"(?:lubid|baril)\b",
    ),
}
_TAGALOG_RULES = _LanguageRules(
    concepts=_TAGALOG,
    negators=frozenset("hindi di wala walang hnd hndi wla".split()),
    clause_breaks=("pero", "kaso", "at"),
)

# --- Russian ----------------------------------------------------------------------------------
# Stems carry the endings ("задыха" covers задыхаюсь, задыхается). "не" in a phrase is the
# finding ("не могу дышать").
_RUSSIAN: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"не (?:могу|может|можем|могут) {_FILLER}?дышать",
        r"(?:тяжело|трудно|больно) дышать",
        r"задыха\w*",
        r"одышк\w*",
        r"не хватает воздуха",
        r"нечем дышать",
        r"удушь\w*",
        r"не дышит",
    ),
    CHEST_PAIN: (
        rf"бол\w* {_FILLER}{{0,2}}(?:в )?груд\w*",
        rf"груд\w* {_FILLER}?бол\w*",
        rf"(?:давит|сжимает|жжет|давление|жжение) {_FILLER}?(?:в )?груд\w*",
        r"сердечный приступ",
        r"инфаркт\w*",
        r"болит сердце",
    ),
    THROAT: (
        rf"(?:отек|отекает|отекло|опух\w*|распух\w*) {_FILLER}?горл\w*",
        rf"горл\w* {_FILLER}?(?:опух|отек|распух|сжима|сдавлива)\w*",
        r"(?:не могу|трудно) глотать",
    ),
    LIPS: (
        rf"(?:отек|отекл|отекают|опух|распух)\w* {_FILLER}?(?:губ|язык|лиц)\w*",
        rf"(?:губ|язык|лицо)\w* {_FILLER}?(?:опух|отек|распух)\w*",
    ),
    BLUE_LIPS: (rf"(?:губы|пальцы) {_FILLER}?(?:синие|посинели|синеют)",),
    FAINTING: (
        r"обморок\w*",
        r"(?:потерял|потеряла|потеря)\w* сознани\w*",
        r"без сознания",
    ),
    SEIZURE: (r"судорог\w*", r"припад\w*", r"конвульси\w*", r"эпилептическ\w* приступ"),
    STROKE: (
        r"инсульт\w*",
        rf"лицо {_FILLER}?(?:перекосил|перекошено|онемело|опустилось)\w*",
        r"перекосил\w* лицо",
        r"не (?:может|могу) говорить",
        r"невнятн\w* речь",
        rf"речь {_FILLER}?(?:невнятн|нарушен|спутан)\w*",
        r"отнял\w* (?:рука|нога|половина)",
        # "онемела правая рука", "рука онемела", "трудно говорить" (numb limb, hard to speak)
        rf"онемел\w* {_FILLER}{{0,2}}(?:рук|ног|лиц|половин)\w*",
        rf"(?:рук|ног|лиц)\w* {_FILLER}?онемел\w*",
        r"(?:трудно|тяжело|не могу|не получается) (?:говорить|разговаривать|сказать)",
        rf"(?:слабость|онемение) {_FILLER}{{0,2}}(?:одной|половин|левой|правой)\w*",
        r"(?:потерял|потеряла) зрение",
    ),
    BLEEDING: (r"кровотечени\w* не останавлива\w*", r"сильное кровотечение"),
    COUGHING_BLOOD: (r"(?:кашля\w*|рвота|рвет) кровью", r"кровь при кашле"),
    CONFUSION: (r"(?:спутанн\w*|дезориентир\w*)", r"не (?:могу|можем) разбудить"),
    CRISIS: (
        r"суицид\w*",
        r"самоубийств\w*",
        r"покончить с собой",
        r"убить себя",
        r"(?:хочу|хочет|хочется) умереть",
        r"не (?:хочу|хочет) жить",
        rf"(?:выпил|выпила|наглотал|наглоталась|наглотался)\w* {_FILLER}{{0,2}}таблет\w*",
        r"передозиров\w*",
        r"причинить себе вред",
        rf"не {_FILLER}?(?:хочу|хочет|хочется) {_FILLER}?(?:больше )?жить",
        r"жить (?:больше )?не (?:хочу|хочется|хочет)",
        r"устал\w* (?:от )?жи(?:ть|зни)",
        r"(?:нет смысла|незачем|не для чего) жить",
        r"(?:покончу с собой|покончить с жизнью|свести счеты|сведу счеты)",
        r"повес(?:иться|ится|ись|ился|илась|юсь)\b",
        rf"(?:прыгну|спрыгну|прыгнуть|спрыгнуть|брошусь|броситься|выброшусь|выброситься) "
        rf"{_FILLER}{{0,2}}(?:с|из|под) (?:мост|крыш|окн|балкон|поезд|машин)\w*",
        rf"(?:выпью|выпить|приму|принять|проглочу|наглотаюсь|выпил\w*|принял\w*|проглотил\w*) "
        rf"{_FILLER}{{0,2}}(?:все|всю|пачку|упаковку) {_FILLER}{{0,2}}(?:таблет|лекарств)\w*",
        r"не (?:хочу|хочется) (?:больше )?просыпаться",
    ),
    DESPAIR: (
        r"больше не (?:могу|выдерживаю|выдержу)",
        r"не могу так больше",
        r"(?:нет|не осталось) (?:больше )?сил\b",
        r"не выдерживаю",
    ),
    MEANS: (
        rf"(?:накопил|собрал|отложил|припрятал|спрятал|запас)\w* {_FILLER}{{0,2}}"
        r"(?:таблет|лекарств)\w*",
        rf"(?:таблет|лекарств)\w* {_FILLER}{{0,2}}(?:накопил|собрал|отложил|припрятал|"
        r"спрятал|запас)\w*",
        r"все сразу",
        r"(?:сегодня ночью|этой ночью)",
        r"(?:веревк|пистолет)\w*",
    ),
}
_RUSSIAN_RULES = _LanguageRules(
    concepts=_RUSSIAN,
    negators=frozenset("не нет без ни никогда".split()),
    clause_breaks=("но", "а", "и"),
    doubt=("не знаю",),
    fold_accents=False,  # й is a letter of its own, not и with an accent
    denial_after=frozenset({"нет"}),  # "боли в груди нет", "температуры нет"
)

# --- Arabic -----------------------------------------------------------------------------------
# Modern Standard Arabic and the common dialects; letters are normalised (أ إ آ -> ا,
# ى -> ي, ة -> ه) before matching, so phrases are written with the plain forms.
_AR_CAN = r"(?:استطيع|اقدر|قادر|قادره|يقدر|تقدر|يستطيع|تستطيع|اعرف|يعرف)"
_ARABIC: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"(?:لا|ما|مش|مو|مب|مانيش) ?{_AR_CAN}\w* (?:علي )?(?:ال)?(?:تنفس|اتنفس|يتنفس|تتنفس)",
        r"صعوبه (?:في |ب)?(?:ال)?تنفس",
        r"ضيق (?:في |ب)?(?:ال)?(?:تنفس|نفس)",
        r"اختناق|اختنق",
        r"نفسي مقطوع",
    ),
    CHEST_PAIN: (
        # one word may describe the pain ("الم شديد في صدري": a severe pain in my chest)
        r"(?:الم|وجع|ضغط|ضيق|ثقل)(?: \w+)? ?(?:في|ب|علي)? ?(?:ال)?صدر",
        r"صدري (?:يوجعني|يؤلمني|يالمني|بيوجعني|يعورني)",
        r"نوبه قلبيه",
        r"ذبحه صدريه",
    ),
    THROAT: (
        r"(?:تورم|انتفاخ) ?(?:في )?(?:ال)?حلق",
        r"حلقي (?:منتفخ|متورم|يتسكر|ينسد)",
        r"صعوبه (?:في )?(?:ال)?بلع",
        r"(?:لا|ما|مش) ?(?:استطيع|اقدر|قادر)\w* (?:علي )?(?:ال)?(?:بلع|ابلع)",
    ),
    LIPS: (
        r"(?:تورم|انتفاخ) ?(?:في )?(?:ال)?(?:شفاه|شفايف|شفتين|شفتي|شفه|لسان|وجه)",
        r"(?:شفايفي|شفتاي|شفتي|لساني|وجهي) (?:منفوخ|متورم|منتفخ)",
    ),
    BLUE_LIPS: (r"(?:شفايف|شفاه|شفتي)\w* (?:زرقاء|ازرق|زرق)",),
    FAINTING: (
        r"اغمي علي|اغمي عليه|اغمى عليه|اغمي عليها|اغماء",
        r"(?:فقدان|فقد|فقدت|غاب عن|غبت عن) (?:ال)?وعي",
        r"مغمي عليه",
    ),
    SEIZURE: (r"تشنج\w*", r"نوبه صرع", r"\bصرع\b"),
    STROKE: (
        r"جلطه دماغيه|سكته دماغيه|سكته",
        r"(?:وجهه|وجهي|وجهها|الوجه|فمه|فمها) (?:مايل|مائل|معوج|متدلي)",
        r"ميلان (?:ال)?وجه|تدلي (?:ال)?وجه",
        r"(?:لا|ما|مش) ?(?:يستطيع|يقدر|تقدر|تستطيع|اقدر|استطيع) (?:ال)?(?:كلام|يتكلم|تتكلم|اتكلم)",
        r"ثقل (?:في )?(?:ال)?لسان",
        r"(?:شلل|خدر|ضعف) (?:في )?(?:جهه|جانب|نصف)",
    ),
    BLEEDING: (r"نزيف (?:شديد|لا يتوقف|ما يوقف|مستمر)",),
    COUGHING_BLOOD: (r"(?:كحه|سعال|اسعل|يسعل|استفرغ|تقيؤ|قيء) (?:مع |مع ال)?(?:ب)?دم",),
    CONFUSION: (r"(?:مشوش|مرتبك|تائه) (?:جدا|تماما)", r"(?:لا|ما) (?:يصحي|يستيقظ|يفيق)"),
    CRISIS: (
        r"انتحار|انتحر|انتحاري",
        r"اقتل نفسي|يقتل نفسه",
        r"(?:اريد|ابغي|ابغى|بدي|عايز|عاوز|ابي) ?(?:ان )?(?:اموت|الموت|موت)",
        r"(?:لا اريد|ما ابغي|ما بدي|مش عايز) (?:ان )?(?:اعيش|اعيش)",
        r"انهي حياتي",
        r"جرعه زائده",
        r"(?:بلعت|اخذت|اخدت|شربت) (?:حبوب|ادويه|دواء) (?:كثير|كتير|كثيره)",
        r"(?:اذيت|اذي|اؤذي) نفسي",
        r"(?:ما|مش|لا) ?(?:ابغي|ابي|بدي|اريد|عايز|عاوز|بغيت) ?(?:ان )?(?:اعيش|عيش|الحياه|احيا)",
        r"(?:تعبت|مليت|زهقت|سئمت|طهقت) (?:من )?(?:ال)?(?:حياه|عيشه|دنيا)",
        r"(?:اشنق|يشنق|تشنق|شنق) (?:نفسي|نفسه|نفسها)",
        r"(?:ارمي|يرمي|ترمي|اقفز|انط|نط|قفز)\w* ?(?:نفسي|نفسه|نفسها)? (?:من|في) (?:ال)?(?:جسر|"
        r"كوبري|سطح|شباك|نافذه|بلكونه|عماره|برج)",
        r"(?:ابلع|اشرب|اخذ|اخد|باخذ|بلعت|اخذت|اخدت|شربت) (?:كل|جميع) (?:ال)?(?:حبوب|ادويه|دوا\w*|"
        r"علبه)",
        r"(?:ما|لا) ?(?:ابغي|ابي|بدي|اريد) ?(?:اصحي|اصحا|استيقظ|اقوم)",
    ),
    DESPAIR: (
        r"(?:ما|مش|لم) ?(?:عدت|عاد|عدت) ?(?:اقدر|اتحمل|احتمل|قادر)",
        r"(?:ما|لا|مش) ?(?:اقدر|استطيع|قادر|قادره) ?(?:اتحمل|احتمل|التحمل)",
        r"(?:فاض|طفح) (?:بي )?(?:ال)?كيل",
    ),
    MEANS: (
        r"(?:جمعت|خبيت|خبات|خزنت|مجمع|مخبي)\w* (?:ال)?(?:حبوب|ادويه|دوا\w*)",
        r"(?:ال)?(?:حبوب|ادويه) (?:مجمعه|مخبيه|مخزنه|جاهزه)",
        r"(?:كلها|كلهم) (?:مره وحده|دفعه وحده|مع بعض|الليله)",
        r"(?:حبل|مسدس)",
    ),
    # A child (or anyone) who swallowed medicine, pills or a household poison.
    POISONING: (
        r"(?:ابتلع|ابتلعت|بلع|بلعت|شرب|شربت) (?:\S+ )?(?:حبوب|دواء|ادويه|مبيض|كلور|سم)",
        r"تسمم",
    ),
}
_ARABIC_RULES = _LanguageRules(
    concepts=_ARABIC,
    negators=frozenset("لا ما مش مو ليس ليست بدون مافي ماكو مافيش ماعندي لم لن غير".split()),
    clause_breaks=("لكن", "بس"),
    fold_accents=False,
    word_start=False,  # و, ب, ف, ال attach to the next word ("والم في الصدر")
)

# --- Chinese ----------------------------------------------------------------------------------
# Simplified and traditional forms, matched as substrings with spaces removed. 没/沒/无/不
# just before a phrase deny it; phrases that carry their own 不 ("不能呼吸") are findings.
# A body part and what it feels may have intensifiers and short words between them
# ("胸口很痛", "胸口好像有点闷", "喉咙好像肿起来"); none of them is a denial character.
_ZH_BETWEEN = (
    r"(?:很|好|非常|特别|特別|太|有点|有點|有些|一直|突然|真|超级|超級|超|极|極|十分|挺|"
    r"蛮|蠻|老是|总是|總是|还|還|又|都|也|会|會|在|开始|開始|觉得|覺得|感觉|感覺|好像|像|"
    r"被|得|的|了|部|里|裡|前|这里|這裡|那里|那裡|中间|中間|左边|左邊|右边|右邊|一阵阵|"
    r"一陣陣|一阵一阵|一陣一陣|一阵|一陣|剧烈|劇烈|厉害|厲害|越来越|越來越|有|发|發|东西|"
    r"東西|一下|一直在|地)"
)
_ZH_CHEST = r"(?:胸口|胸部|胸前|胸膛|心口|心脏|心臟|胸)"
_ZH_CHEST_FEEL = (
    r"(?:痛|疼|闷|悶|压|壓|紧|緊|憋|胀|脹|堵|绞|絞|刺|揪|沉|重|难受|難受|压迫|壓迫)"
)
_CHINESE: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        "呼吸困难", "呼吸困難", "喘不过气", "喘不過氣", "喘不上气", "喘不上氣", "不能呼吸",
        "无法呼吸", "無法呼吸", "没法呼吸", "沒法呼吸", "没办法呼吸", "沒辦法呼吸", "透不过气",
        "透不過氣", "上不来气", "上不來氣", "吸不到气", "吸不到氣", "气短", "氣短", "气促",
        "氣促", "呼吸急促", "窒息", "憋气", "憋氣", "喘不动",
        rf"呼吸{_ZH_BETWEEN}{{0,3}}(?:困难|困難|急促|费力|費力|吃力)", "呼吸不了", "呼吸不顺",
        "呼吸不順", "呼吸不畅", "呼吸不暢", "呼吸不过来", "呼吸不過來", "吸不上气", "吸不上氣",
        rf"喘{_ZH_BETWEEN}{{0,3}}(?:厉害|厲害)", r"(?:很|好|非常|特别|特別)难(?:以)?呼吸",
        r"(?:很|好|非常|特别|特別)難(?:以)?呼吸",
    ),
    CHEST_PAIN: (
        "胸痛", "胸口痛", "胸口疼", "胸部疼痛", "胸部痛", "胸闷", "胸悶", "心口痛", "心口疼",
        "胸口压", "胸口壓", "胸口很闷", "胸口很悶", "心绞痛", "心絞痛", "心脏病发作",
        "心臟病發作", "心梗",
        # pain, pressure, tightness with words between ("胸口很痛", "胸部有点紧")
        rf"{_ZH_CHEST}{_ZH_BETWEEN}{{0,4}}{_ZH_CHEST_FEEL}",
        rf"{_ZH_CHEST}[^，。！？,.!?]{{0,6}}(?:压着|壓著|压住|壓住|压了|壓了|压得|壓得)",
        "压迫感", "壓迫感",
    ),
    THROAT: (
        "喉咙肿", "喉嚨腫", "喉咙发紧", "喉嚨發緊", "喉咙紧", "喉嚨緊", "嗓子肿", "嗓子腫",
        "喉头水肿", "喉頭水腫", "吞咽困难", "吞嚥困難", "咽不下",
        rf"(?:喉咙|喉嚨|嗓子|喉头|喉頭){_ZH_BETWEEN}{{0,4}}(?:肿|腫|紧|緊|堵|卡住|收紧|收緊|"
        r"闭|閉|锁|鎖|封)",
    ),
    LIPS: ("嘴唇肿", "嘴唇腫", "舌头肿", "舌頭腫", "嘴肿", "嘴腫", "唇肿", "唇腫", "脸肿", "臉腫",
           rf"(?:嘴唇|舌头|舌頭|嘴巴|嘴|唇|脸|臉|面部){_ZH_BETWEEN}{{0,4}}(?:肿|腫)"),
    BLUE_LIPS: ("嘴唇发紫", "嘴唇發紫", "嘴唇发青", "嘴唇發青", "嘴唇变蓝", "嘴唇變藍",
                rf"(?:嘴唇|嘴|唇|脸|臉|指甲){_ZH_BETWEEN}{{0,3}}(?:发紫|發紫|发青|發青|变紫|"
                r"變紫|变蓝|變藍|发蓝|發藍|青紫|紫了)"),
    FAINTING: (
        "晕倒", "暈倒", "昏倒", "昏迷", "失去知觉", "失去知覺", "不省人事", "晕过去", "暈過去",
        "昏过去", "昏過去", "失去意识", "失去意識", "晕厥", "暈厥",
    ),
    SEIZURE: ("抽搐", "癫痫", "癲癇", "惊厥", "驚厥", "羊癫疯", "羊癲瘋", "抽风", "抽風"),
    STROKE: (
        "中风", "中風", "脑卒中", "腦卒中", "口眼歪斜", "嘴歪", "脸歪", "臉歪", "半身不遂",
        "说话不清", "說話不清", "口齿不清", "口齒不清", "一边无力", "一邊無力", "半边麻",
        "半邊麻", "突然看不见", "突然看不見",
    ),
    BLEEDING: ("血流不止", "大出血", "止不住血", "出血不止"),
    COUGHING_BLOOD: ("咳血", "咯血", "吐血", "咳出血"),
    CONFUSION: ("神志不清", "意识模糊", "意識模糊", "叫不醒", "糊涂了", "糊塗了"),
    CRISIS: (
        "自杀", "自殺", "想死", "不想活", "轻生", "輕生", "结束生命", "結束生命", "结束自己",
        "結束自己", "吃了很多药", "吃了很多藥", "吃了一瓶药", "吃了一瓶藥", "服药过量",
        "服藥過量", "过量服药", "過量服藥", "自残", "自殘", "割腕",
        "活不下去", "活着没意思", "活著沒意思", "死了算了", "一了百了", "跳楼", "跳樓", "跳桥",
        "跳橋", "跳河", "上吊", "割脉", "割脈", "不想醒来", "不想醒來",
        r"吃光(?:了)?(?:所有|全部)的?(?:药|藥)", r"(?:一口气|一口氣)(?:全|都)?(?:吃|吞)(?:了|掉|下)",
    ),
    DESPAIR: ("受不了了", "撑不下去", "撐不下去", "熬不下去", "坚持不下去", "堅持不下去", "崩溃了",
              "崩潰了"),
    MEANS: (
        r"(?:攒|攢|存|藏|囤)(?:了|着|著)?[^，。！？,.!?]{0,4}(?:药|藥)",
        r"(?:药|藥)(?:都)?(?:攒|攢|存|藏|囤)(?:好|起来|起來|着|著)", r"一次(?:全|都)(?:吃|吞)",
        "今晚全", "绳子", "繩子",
    ),
}
_CHINESE_RULES = _LanguageRules(
    concepts=_CHINESE,
    negators=frozenset("没 沒 无 無 不 未 非 别 別".split()),
    clause_breaks=("但是", "但", "可是"),  # not 不过: it is inside 喘不过气
    window=3,
    by_characters=True,
    fold_accents=False,
    not_denials=("特别", "特別", "非常", "受不了", "不得了", "不行", "差不多"),
)

# --- Korean -------------------------------------------------------------------------------------
# Spaces removed (Koreans space these phrases differently). Korean denies after the verb
# ("아프지 않아요", "통증은 없어요"), so the characters after a phrase are checked. A body part
# and what it feels may have a particle and intensifiers between them ("가슴이 너무 아파요",
# "숨이 갑자기 많이 차요"); 안 and 못 (not) are no intensifiers.
_KO_BETWEEN = (
    r"(?:너무너무|너무|많이|엄청|진짜|정말|좀더|좀|조금|계속|갑자기|심하게|되게|아주|매우|"
    r"몹시|꽉|막|자꾸|완전|더|점점|약간|살짝|쫌|넘|극심하게|심각하게|미친듯이|꾹)"
)
_KO_PARTICLE = (
    r"(?:이|가|은|는|에|을|를|도|쪽이|쪽에|쪽|부위가|부위에|부분이|부분에|안쪽이|가운데가|"
    r"한가운데가)?"
)
_KOREAN: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        "숨을못쉬", "숨못쉬", "숨을쉴수가없", "숨을쉴수없", "숨쉴수없", "숨쉴수가없", "숨이차",
        "숨쉬기힘들", "숨쉬기가힘들", "숨쉬기어렵", "숨쉬기가어렵", "호흡곤란", "숨이막혀",
        "숨막혀", "숨이안쉬어", "숨이안쉬",
        rf"숨(?:이|을|쉬기가|쉬기|쉬는게|쉬는것이)?{_KO_BETWEEN}{{0,3}}(?:차|막혀|막히|가빠|가쁘|"
        r"답답|힘들|어렵|안쉬|못쉬)",
        r"숨(?:을|이)?(?:잘|제대로|거의|전혀){0,2}못쉬",
        rf"호흡(?:이|가)?{_KO_BETWEEN}{{0,3}}(?:곤란|힘들|어렵|가빠|가쁘)",
    ),
    CHEST_PAIN: (
        "가슴이아파", "가슴이아프", "가슴통증", "가슴이답답", "가슴이조여", "가슴이조이", "흉통",
        "가슴에통증", "가슴을누르", "심장마비",
        # pain, pressure, tightness, with particles and intensifiers between
        rf"(?:가슴|흉부|심장){_KO_PARTICLE}{_KO_BETWEEN}{{0,3}}(?:아파|아프|아팠|아픈|통증|"
        r"답답|조여|조이|조인|조임|눌러|누르|눌리|짓눌|쥐어짜|뻐근|찌릿|쑤시|터질|타는|화끈|"
        r"묵직|압박|저려|저리|따끔|찢어질)",
    ),
    THROAT: ("목이부어", "목이붓", "목이부었", "목이조여", "목구멍이부", "목이막혀", "삼키기힘들",
             "삼킬수가없", "삼킬수없",
             rf"목(?:이|구멍이|구멍|안이|안쪽이){_KO_BETWEEN}{{0,3}}(?:부어|붓|부었|부은|조여|"
             r"조이|막혀|막히|닫히|닫혀)"),
    LIPS: ("입술이부어", "입술이붓", "입술이부었", "혀가부어", "혀가붓", "혀가부었", "입술부종",
           "혀부종", "얼굴이부어", "얼굴이부었",
           rf"(?:입술|혀|얼굴)(?:이|가|은|는|도)?{_KO_BETWEEN}{{0,3}}(?:부어|붓|부었|부은|퉁퉁)"),
    BLUE_LIPS: ("입술이파래", "입술이파랗", "입술이보라"),
    FAINTING: ("기절", "의식을잃", "실신", "쓰러졌", "쓰러져", "정신을잃", "의식이없"),
    SEIZURE: ("경련", "발작", "간질"),
    STROKE: (
        "뇌졸중", "중풍", "뇌경색", "뇌출혈", "얼굴이처지", "얼굴한쪽이", "입이돌아", "말이어눌",
        "말을못하", "발음이이상", "한쪽이마비", "한쪽팔", "반신마비", "갑자기안보",
    ),
    BLEEDING: ("피가멈추지않", "출혈이심", "피가안멈", "피가계속"),
    COUGHING_BLOOD: ("피를토", "각혈", "피가섞인기침", "기침에피"),
    CONFUSION: ("의식이흐려", "혼미", "깨워도안깨", "정신이없어"),
    CRISIS: ("자살", "죽고싶", "살고싶지않", "목숨을끊", "약을많이먹었", "자해", "과다복용", "살기싫",
             "죽어버리", "뛰어내리", "목을매", "목매", "손목을긋", "손목을그", "사라지고싶", "인생을끝내", "삶을끝내", "다끝내버리",
             "그만살고싶"),
    DESPAIR: ("더이상못버티", "더는못버티", "못버티겠", "견딜수가없", "견딜수없", "못견디겠", "못참겠"),
    MEANS: ("약을모아", "약을모았", "모아둔약", "모아놓은약", "약을숨겨", "한꺼번에", "오늘밤에", "밧줄"),
}
_KOREAN_RULES = _LanguageRules(
    concepts=_KOREAN,
    negators=frozenset(),
    clause_breaks=("그런데", "하지만", "근데"),
    window=0,
    by_characters=True,
    fold_accents=False,
    negation_after=("지않", "지도않", "지는않", "없어", "없습", "없음", "없다", "없고", "아니"),
)

# --- Portuguese ---------------------------------------------------------------------------
# Brazilian and European Portuguese as patients text it: accents dropped ("nao", "ta"),
# chat spellings ("naum", "n", "vc", "to" for "estou"), "a + infinitive" of Portugal
# ("está a conseguir"). "é" is read as "eh" (see _LanguageRules.lone_is) so that "e"
# (and) can end a denial's reach. "me/lhe/se/te/nos" cover the patient and another person.
_PT_NOT = r"(?:nao|naum|n|nem|mal)"
_PT_CAN = r"(?:consig\w*|conseg\w*|pod\w*|poss\w*)"
_PT_WHO = r"(?:me|lhe|te|nos|se)"
_PT_PILLS = (
    r"(?:comprimidos?|remedios?|pilulas?|medicamentos?|capsulas?|calmantes|medicacao)"
)
_PT_BODY_SWELL = r"(?:labio|labios|beico|beicos|boca|lingua|cara|rosto)"
_PORTUGUESE: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"{_PT_NOT} {_FILLER}{{0,2}}{_PT_CAN} {_FILLER}?(?:a )?respira(?:r|\b)",
        rf"{_PT_NOT} (?:esta |ta |to |tou |estou |estava |tava )?(?:a )?respir(?:a|ando|ar)\b",
        rf"{_PT_NOT} {_FILLER}?(?:da|dando|deu) (?:pra|para) respirar",
        rf"{_PT_NOT} {_FILLER}{{0,2}}{_PT_CAN} {_FILLER}?(?:puxar|pegar|tomar|buscar) "
        r"(?:o |nenhum |um pouco de )?ar\b",
        r"sem (?:conseguir |poder )?respirar",
        r"(?:parou|para|parando|deixou) de respirar",
        rf"falt(?:a|ando|ou|ava) {_FILLER}{{0,2}}ar\b(?! condicionado)",
        r"sem ar\b(?! condicionado)",
        r"sem folego",
        rf"(?:ar|folego) {_FILLER}?(?:nao|n) (?:entra|vem|chega)",
        r"sufoc(?:ando|ado|ada|ados|adas|ar|ou)\b",
        r"asfixi\w*",
        r"engasg(?:ou|ando|ado|ada)\b",
        r"(?:me|se|to|ta|esta|estou|tou) afog(?:ando|ado|ada)\b",
        rf"(?:dificuldade|dificil|custa|custando|problema|problemas) {_FILLER}?"
        r"(?:para |pra |de |em |a |ao )?respirar",
        rf"respir(?:o|a|ando|amos|ava) {_FILLER}?(?:mal|com dificuldade|rapido|ofegante|"
        r"com esforco|estranho|muito rapido|pesado)\b",
        rf"respiracao {_FILLER}?(?:dificil|ofegante|curta|pesada|rapida|acelerada|fraca)",
        rf"chiado {_FILLER}?(?:no|do) peito",
        rf"peito {_FILLER}?chiando",
        r"(?:crise|ataque) de (?:asma|bronquite)",
    ),
    CHEST_PAIN: (
        rf"(?:dor|dores|aperto|pressao|peso|queimacao|ardor|pontada|pontadas|fisgada|"
        rf"angustia|desconforto) {_FILLER}{{0,4}}(?:no|do|em|na|ao|sobre o|em cima do) "
        rf"{_FILLER}?(?:peito|torax|coracao)\b",
        rf"(?:peito|torax|coracao) {_FILLER}{{0,3}}(?:doi|doendo|doeu|doia|dolorido|apertado|"
        r"apertando|pesado|queimando|ardendo)\b",
        rf"(?:doi|doem|doendo|doeu|doia|aperta|apertando|queima|queimando|pesa|pesando) "
        rf"{_FILLER}{{0,3}}(?:o |meu |no |seu )?(?:peito|torax)\b",
        r"dor toracica",
        r"(?:infarto|infartando|infartou|enfarte|enfarto)\b",
        r"ataque (?:cardiaco|do coracao|de coracao|no coracao)",
        r"(?:parada|paragem) cardiaca",
    ),
    THROAT: (
        rf"garganta {_FILLER}{{0,3}}(?:fechand\w*|fechad\w*|fechou|fecha|fechar|inchad\w*|"
        r"inchand\w*|inchou|incha|inchar|apertad\w*|apertando|trancand\w*|trancad\w*|"
        r"trancou|estreit\w*)\b",
        rf"(?:fechando|fechou|fecha|inchando|inchou|incha|apertando|aperta|trancando|trancou) "
        rf"{_FILLER}{{0,2}}(?:a )?garganta",
        rf"(?:inchaco|edema) {_FILLER}{{0,2}}(?:na |da )?(?:garganta|glote)",
        rf"{_PT_NOT} {_FILLER}{{0,2}}{_PT_CAN} {_FILLER}?engolir",
        rf"(?:dificuldade|dificil) {_FILLER}?(?:para |pra |de |em |a )?engolir",
    ),
    LIPS: (
        rf"{_PT_BODY_SWELL} {_FILLER}{{0,3}}(?:inchad\w*|inchand\w*|inchou|incharam|incha|"
        r"inchar|inflamad\w*|inflamando|inflamou)\b",
        rf"(?:inchou|incharam|inchando|incha|inflamou|inflamando) {_FILLER}{{0,2}}"
        rf"(?:o |a |os |as )?{_PT_BODY_SWELL}\b",
        rf"(?:inchaco|inflamacao|edema) {_FILLER}{{0,2}}(?:no|na|nos|nas|do|da|dos|das) "
        rf"{_PT_BODY_SWELL}\b",
        r"lingua (?:grossa|enorme|gigante)",
    ),
    BLUE_LIPS: (
        rf"(?:labio|labios|beico|beicos|boca|dedos|unhas|rosto|cara) {_FILLER}{{0,2}}"
        r"(?:roxo|roxos|roxa|roxas|roxinh\w*|azul|azuis|azulad\w*|arroxead\w*|cinzent\w*)\b",
        rf"(?:bebe|nenem|crianca|filho|filha|ele|ela|menino|menina|pai|mae|marido|mulher|"
        rf"esposa|esposo|avo) {_FILLER}?(?:ficou|ficando|esta ficando|ta ficando|esta|ta) "
        r"(?:todo |toda )?(?:roxo|roxa|roxinho|roxinha|azul|azulado|azulada)\b",
        r"cianose",
    ),
    FAINTING: (
        r"d[ei]smai\w*",
        r"(?:perdeu|perdi|perdendo|perda de|perder|perde) (?:a |os |o )?"
        r"(?:consciencia|sentidos|conhecimento)",
        r"(?:desacordad\w*|inconsciente\w*|desfalec\w*)",
        r"sem sentidos",
        r"\bapag(?:ou|uei)(?: do nada| de repente| no chao| total| completamente)?$",
        r"(?:caiu|cai) (?:duro|dura|desacordad\w*)",
        r"(?:teve|tive|deu|da|dando) (?:um |uma )?(?:desmaio|sincope|piripaque|treco)\b",
        r"\bsincope\b",
    ),
    SEIZURE: (
        r"convuls(?:ao|oes|ionando|ionou|iona|ionar|ivo|iva|ionava|ionaram)\b",
        r"(?:ataque|ataques|crise|crises) (?:de )?(?:epilep\w*|epilet\w*|convulsiv\w*)",
        r"(?:tendo|teve|deu|da|dando|tive|ter|a ter) (?:um |uns )?ataque\b"
        r"(?! (?:de|do|da|no|cardiaco|epilep\w*|epilet\w*))",
        r"(?:olhos|olho) (?:revirad\w*|revirando|virad\w*|virando|em branco)",
        r"(?:espumando|espuma|babando|baba) (?:pela|na|da) boca",
    ),
    STROKE: (
        r"\bavc\b",
        r"acidente vascular",
        r"\bderrame\b(?! (?:no|nos|de|do) (?:olho|olhos))",
        r"(?:isquemia|trombose) cerebral",
        rf"(?:boca|rosto|cara|face|sorriso) {_FILLER}{{0,3}}(?:tort[oa]|caid[oa]|caindo|"
        r"paralisad[oa]|repuxad[oa]|entortou|entortando|desviad[oa]|pendendo)\b",
        rf"entort(?:ou|ando) {_FILLER}?(?:a |o )?(?:boca|rosto|cara)",
        # Someone else who cannot speak; the patient's own "não consigo falar" is usually
        # busy, unless speech itself is wrong ("direito", "bem").
        rf"{_PT_NOT} {_FILLER}{{0,2}}(?:consegue|conseguia|conseguiu|pode|podia|"
        rf"esta conseguindo|ta conseguindo|esta a conseguir) {_FILLER}?falar\b"
        r"(?! (?:com|ao|agora|no telefone|pelo telefone))",
        rf"{_PT_NOT} {_FILLER}{{0,2}}{_PT_CAN} {_FILLER}?falar (?:direito|bem|claro)",
        rf"(?:fala|falando|falou) {_FILLER}?(?:enrolad[oa]|arrastad[oa]|embolad[oa]|"
        r"estranh[oa]|errad[oa]|engrolad[oa]|torto)\b",
        r"lingua (?:enrolad[oa]|presa|pesada)",
        rf"{_PT_NOT} {_FILLER}{{0,2}}{_PT_CAN} {_FILLER}?(?:mexer|levantar|sentir|mover) "
        rf"{_FILLER}{{0,2}}(?:o |a )?(?:braco|perna|mao|lado|pe)\b",
        rf"(?:um lado|metade|lado esquerdo|lado direito) {_FILLER}{{0,3}}(?:dormente|"
        r"paralisad[oa]|fraco|fraca|amortecid[oa]|formigando)\b",
        rf"(?:um lado|metade|lado esquerdo|lado direito) {_FILLER}{{0,3}}"
        r"sem (?:forca|movimento)\b",
        rf"(?:fraqueza|dormencia|formigamento|paralisia) {_FILLER}{{0,3}}(?:um lado|metade|"
        r"lado esquerdo|lado direito)",
        r"(?:perdeu|perdi|perda) (?:da |a )?(?:visao|vista)",
        r"(?:nao|n) (?:enxergo|enxerga) (?:nada|mais nada|de um olho)",
        r"(?:ficou|fiquei) ceg[oa]",
    ),
    BLEEDING: (
        r"(?:nao|n) (?:para|parou|deixa|consegue parar|quer parar|estanca|estancou) de sangrar",
        rf"(?:sangramento|hemorragia|sangue) {_FILLER}{{0,2}}(?:nao para|nao estanca|nao parou)",
        rf"(?:sangramento|sangue) {_FILLER}?(?:forte|abundante|demais|sem parar|jorrando)",
        rf"(?:sangra|sangrando|sangrou|sangro) {_FILLER}?(?:muito|demais|sem parar|bastante|"
        r"pra caramba|horrores)\b",
        r"\bhemorragia\b",
        r"(?:muito|muita|perdendo muito|perdeu muito|perdi muito) sangue",
        r"jorrando sangue|sangue jorrando",
    ),
    COUGHING_BLOOD: (
        rf"(?:tossindo|tosse|tossiu|tussi|tusso|cuspindo|cuspiu|cuspi|cuspo|vomitando|vomitou|"
        rf"vomitei|vomito|vomita|escarrando|escarro|golfando) {_FILLER}{{0,2}}sangue",
        r"sangue (?:na|no|ao) (?:tosse|tossir|vomito|catarro|escarro)",
    ),
    CONFUSION: (
        rf"(?:esta|ta|to|estou|muito|ficou|anda|bem|meio|parece|totalmente|todo|toda|"
        rf"completamente) {_FILLER}?(?:confus[oa]|desorientad[oa]|grogue)\b"
        r"(?! (?:com|sobre|a respeito|em relacao|quanto))",
        r"(?:nao|n) (?:sabe|sei) (?:onde|quem) (?:esta|ta|estou|to|eh|sou)",
        r"(?:nao|n) (?:me|nos|te) reconhece",
        # at the clause end: not "não responde minhas mensagens"
        r"(?:nao|n) (?:reage|reagiu|responde|respondeu|acorda|acordou|desperta)"
        r"(?: a nada| mais| de jeito nenhum| nada)?$",
        r"(?:nao|n) (?:esta|ta) (?:reagindo|respondendo|acordando)(?: a nada| mais)?$",
        rf"(?:nao|n) {_FILLER}{{0,2}}(?:consigo|conseguimos|consegue|conseguem) "
        r"(?:acordar|despertar|acorda)\b",
        r"(?:dificil|custa|custando) (?:de )?(?:acordar|despertar)",
        r"(?:delirando|alucinando)",
        r"falando coisas sem sentido",
        r"(?:nao|n) (?:fala|esta falando|ta falando) coisa com coisa",
    ),
    CRISIS: (
        rf"(?:quero|quer|queria|quis|penso em|pensando em|pensa em|pensei em|vontade de|"
        rf"desejo de|apetece me|apetecia me) {_FILLER}?morrer\b"
        r"(?! de (?:rir|vergonha|fome|tedio|sono|calor|frio|saudade))",
        rf"(?:quero|quer|queria|quis|vou|vai|ia|penso em|pensando em|pensa em|pensei em|"
        rf"vontade de|desejo de|apetece me) {_FILLER}?(?:me matar|se matar|matar me|matar se|"
        r"me suicidar|se suicidar|suicidar me|suicidar se|suicidar|tirar (?:a |minha |a minha |"
        r"sua |a sua )?(?:propria )?vida|acabar com (?:a |minha |a minha |sua |a sua )?vida|"
        r"sumir do mundo|estar mort[oa])\b",
        r"suicid(?:io|ar|a|as|ou|ei)\b",
        rf"(?:nao|n|naum) {_FILLER}?(?:quero|quer|aguento|aguenta) {_FILLER}?(?:mais )?viver\b",
        rf"(?:melhor|prefiro|preferia) {_FILLER}{{0,3}}mort[oa]\b",
        rf"(?:tomei|tomou|engoli|engoliu|tomamos|tomaram|bebi|bebeu) {_FILLER}{{0,2}}"
        rf"(?:todos|todas|muitos|muitas|varios|varias|monte|caixa|cartela|frasco|vidro|"
        rf"punhado|montao)\b {_FILLER}{{0,3}}{_PT_PILLS}\b",
        rf"(?:tomei|tomou|engoli|engoliu) {_FILLER}{{0,2}}(?:a |uma )?(?:cartela|caixa|frasco|"
        r"vidro) (?:inteir[oa]|tod[oa])\b",
        rf"(?:tomei|tomou|engoli|engoliu) {_FILLER}{{0,2}}{_PT_PILLS} (?:demais|a mais|"
        r"em excesso)",
        r"(?:uma|de|tive|teve|tomei|tomou) overdose\b",
        r"(?:superdosagem|sobredosagem)",
        rf"(?:quero|quer|vou|vai|vontade de|penso em|pensando em) {_FILLER}?(?:me|se) "
        r"(?:cortar|machucar|ferir|fazer mal)\b",
        r"(?:cortar|cortei|cortou|corta) (?:os |meus |seus )?pulsos",
        r"(?:automutil|autolesa|auto mutil)\w*",
        rf"(?:me jogar|me atirar|jogar me|atirar me|pular|vou pular|me jogo) {_FILLER}{{0,3}}"
        r"(?:ponte|predio|janela|viaduto|sacada|varanda|telhado|frente do (?:carro|trem|onibus|"
        r"metro))\b",
        r"(?:me enforcar|enforcar me|me enforco|se enforcar)\b",
        r"(?:me dar|dar me|se dar) um tiro",
        r"(?:cansad[oa]|farto|farta) de viver",
        rf"(?:nao|n) {_FILLER}?(?:tenho|tem) (?:mais )?vontade de viver",
        rf"(?:tomar|engolir|vou tomar|vou engolir) {_FILLER}{{0,2}}(?:todos|todas|a caixa|"
        rf"a cartela|o frasco) {_FILLER}{{0,3}}(?:de uma vez|juntos|juntas|pra morrer|"
        r"para morrer|pra nao acordar|para nao acordar)",
        r"(?:pra|para) nao acordar mais\b",
        r"(?:nao|n) quero (?:mais )?acordar(?: nunca)?$",
    ),
    DESPAIR: (
        r"(?:nao|n|naum) (?:aguento|suporto|consigo) mais\b",
        r"(?:nao|n) vejo (?:mais )?saida",
    ),
    MEANS: (
        rf"{_PT_PILLS} {_FILLER}{{0,3}}(?:guardad|juntad|escondid|separad|acumulad)\w*",
        rf"(?:guardei|juntei|escondi|separei|acumulei|guardando|juntando) {_FILLER}{{0,3}}"
        rf"{_PT_PILLS}",
        rf"(?:todos|todas) {_FILLER}{{0,2}}(?:de uma vez|juntos|juntas|hoje a noite|essa noite|"
        r"esta noite)",
        r"(?:corda|arma|revolver|ponte)\b",
    ),
    MENINGITIS: (
        rf"febre {_FILLER}{{0,6}}(?:pescoco|nuca) {_FILLER}?(?:dur|rigid|trav|endurec)\w*",
        rf"(?:pescoco|nuca) {_FILLER}?(?:dur|rigid|trav|endurec)\w* {_FILLER}{{0,6}}febre",
        rf"(?:manchas|pontos|pintas|pintinhas) {_FILLER}?(?:roxas|arroxeadas|violeta|purpura)\b",
    ),
    WORST_HEADACHE: (
        r"(?:pior|maior) dor de cabeca (?:da|de) (?:minha |sua )?vida",
        rf"dor de cabeca {_FILLER}{{0,2}}(?:de repente|repentina|subita|explosiva|"
        r"insuportavel|como nunca)",
    ),
    POISONING: (
        rf"(?:engoliu|bebeu|tomou|comeu|ingeriu) {_FILLER}{{0,3}}(?:agua sanitaria|candida|"
        r"cloro|veneno|alvejante|soda caustica|gasolina|querosene|raticida|chumbinho|"
        r"detergente|desinfetante|produto de limpeza|pilha|bateria)\b",
        rf"(?:engoliu|comeu|ingeriu) (?:uns|umas|alguns|algumas|varios|varias|muitos|muitas|"
        rf"todos|todas|um monte de) {_FILLER}{{0,2}}{_PT_PILLS}\b",
        r"envenen\w*",
    ),
}
_PORTUGUESE_RULES = _LanguageRules(
    concepts=_PORTUGUESE,
    negators=frozenset("nao naum n nem nunca jamais sem nenhum nenhuma".split()),
    clause_breaks=("mas", "porem", "e", "so que", "entretanto", "contudo"),
    doubt=("nao sei se", "n sei se", "nao tenho certeza", "nao sei"),
    lone_is=True,
)

# --- Italian ----------------------------------------------------------------------------
# Accents dropped ("piu", "perche"), "è" read as "eh" so that "e" (and) can end a denial's
# reach; "mi/gli/le/ci" and the third person cover a child or a spouse.
_IT_NOT = r"(?:non|nn|n)"
_IT_CAN = r"(?:riesc\w*|riusc\w*|posso|puo|possiamo|possono|ce la fa\w*)"
_IT_PILLS = (
    r"(?:pillole|pastiglie|compresse|medicine|farmaci|medicinali|capsule|gocce|sonniferi|"
    r"calmanti|pasticche)"
)
_IT_BODY_SWELL = r"(?:labbra|labbro|lingua|faccia|viso|bocca)"
_ITALIAN: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"{_IT_NOT} {_FILLER}{{0,2}}{_IT_CAN} {_FILLER}{{0,2}}(?:a )?respirare",
        rf"{_IT_NOT} (?:sta |stava )?respir(?:a|ava|ando)\b",
        r"(?:smesso|smette|smettere|smettendo) di respirare",
        rf"manca(?:va|no)? {_FILLER}?(?:l |il )?(?:aria|respiro|fiato)\b",
        r"mancanza (?:d |di )(?:aria|respiro|fiato)",
        rf"(?:fatica|difficolta|problemi|problema|fatico) {_FILLER}?(?:a|nel|per|di) respirare",
        rf"respir(?:o|a|ando|iamo|ava) {_FILLER}?(?:male|malissimo|a fatica|con fatica|"
        r"con difficolta|affannosamente|a stento|veloce|velocissimo)\b",
        r"soffoc(?:o|a|ando|ato|ata|are|ano|amento)\b",
        r"\baffanno\b",
        r"(?:senza|corto di) fiato",
        r"fiato corto",
        r"fame d aria",
        rf"(?:fischia|fischio|fischi|sibil\w*) {_FILLER}{{0,2}}petto",
        r"(?:crisi|attacco) (?:d |di )?asma",
    ),
    CHEST_PAIN: (
        rf"(?:dolore|dolori|male|oppressione|peso|stretta|pressione|bruciore|fitta|fitte|morsa|"
        rf"costrizione|dolorino) {_FILLER}{{0,3}}(?:al|nel|sul|del|in|a|allo|nello|sullo|di|"
        rf"sotto il|in mezzo al) {_FILLER}?(?:petto|torace|sterno|cuore)\b",
        rf"(?:fa|fanno|faceva|sta facendo) {_FILLER}{{0,2}}male {_FILLER}{{0,2}}(?:il |al |lo )?"
        r"(?:petto|torace|sterno)\b",
        rf"(?:petto|torace|sterno) {_FILLER}{{0,3}}(?:fa male|fa malissimo|fanno male|duole|"
        r"brucia|stretto|schiacciato|pesante|oppresso|chiuso)\b",
        rf"(?:stringe|schiaccia|preme|brucia|opprime) {_FILLER}{{0,2}}(?:il |al )?petto",
        r"dolore toracico",
        r"\binfarto\b",
        r"attacco (?:di cuore|cardiaco)",
        r"arresto cardiaco",
    ),
    THROAT: (
        rf"gola {_FILLER}{{0,3}}(?:gonfi\w*|chius\w*|chiude\w*|chiudendo|stretta|stringe|"
        r"stringendo|serrata)\b",
        rf"(?:chiude|chiudendo|chiusa|stringe|stringendo|gonfia|gonfiando|gonfiata|gonfiato) "
        rf"{_FILLER}{{0,2}}(?:la )?gola\b",
        rf"gonfiore {_FILLER}{{0,2}}(?:alla |della |in |nella )?gola",
        rf"{_IT_NOT} {_FILLER}{{0,2}}{_IT_CAN} {_FILLER}{{0,2}}(?:a )?(?:deglutire|inghiottire|"
        r"ingoiare|mandare giu)",
        rf"(?:fatica|difficolta) {_FILLER}?(?:a|nel|per) (?:deglutire|inghiottire|ingoiare)",
        r"edema (?:della )?glottide",
    ),
    LIPS: (
        rf"{_IT_BODY_SWELL} {_FILLER}{{0,3}}(?:gonfi\w*|ingross\w*|enorme|enormi)\b",
        rf"(?:gonfi|ingross)\w* {_FILLER}{{0,2}}(?:le |la |il |lo |l )?{_IT_BODY_SWELL}\b",
    ),
    BLUE_LIPS: (
        rf"(?:labbra|labbro|dita|unghie|viso|faccia|bocca) {_FILLER}{{0,3}}(?:blu|viola|"
        r"violace\w*|bluastr\w*|cianotic\w*|grigie|livid\w*)\b",
        r"cianosi",
        rf"(?:bambino|bambina|neonato|neonata|figlio|figlia|lui|lei) {_FILLER}?"
        r"(?:eh |sta )?(?:diventat[oa]|diventando) (?:tutto |tutta )?(?:blu|viola|cianotic\w*)\b",
    ),
    FAINTING: (
        r"sv(?:en|ien)(?:ut[oaie]|go|gono|ire|imento|imenti|iva|e|i|endo)\b",
        r"(?:perso|persa|perde|perdere|perdita di|perdita della|perdendo) (?:i |la )?"
        r"(?:sensi|conoscenza|coscienza)",
        r"(?:priv[oa]|privi) di sensi",
        r"incoscient\w*",
        r"collass(?:o|ato|ata)\b",
        r"crollat[oa] a terra",
        r"mancamento",
    ),
    SEIZURE: (
        r"convulsion[ie]\b",
        r"(?:crisi|attacco|attacchi) (?:convulsiv\w*|epilettic\w*|di epilessia)",
        r"occhi (?:rovesciati|all indietro|girati|sbarrati|al cielo)",
        r"(?:bava|schiuma) alla bocca",
    ),
    STROKE: (
        r"\bictus\b",
        r"colpo apoplettico",
        r"(?:emorragia|trombosi|ischemia) cerebrale",
        rf"(?:bocca|faccia|viso|labbro) {_FILLER}{{0,2}}(?:storta|storto|cadente|paralizzat\w*|"
        r"abbassat\w*|calat\w*|deviat\w*)\b",
        # someone else who cannot speak; "non riesco a parlare" is often "can't reach"
        rf"{_IT_NOT} {_FILLER}{{0,2}}(?:riesce|riusciva|puo|ce la fa) {_FILLER}?(?:piu )?"
        r"(?:a )?parlare\b(?! (?:con|al telefono|adesso|ora))",
        rf"{_IT_NOT} {_FILLER}{{0,2}}(?:riesco|posso) {_FILLER}?(?:a )?parlare "
        r"(?:bene|chiaramente)",
        rf"(?:parla|parlando|parlava) {_FILLER}?(?:strano|in modo strano|biascicando|impastato|"
        r"a fatica)\b",
        r"(?:parola|parole|voce) (?:impastat\w*|biascicat\w*|strascicat\w*)",
        r"biascic\w*",
        rf"{_IT_NOT} {_FILLER}{{0,2}}{_IT_CAN} {_FILLER}?(?:a )?(?:muovere|alzare|sentire) "
        rf"{_FILLER}{{0,2}}(?:il |la |l )?(?:braccio|gamba|mano|lato|piede)\b",
        rf"(?:meta|un lato|lato destro|lato sinistro) {_FILLER}{{0,3}}(?:paralizzat\w*|"
        r"addormentat\w*|intorpidit\w*|insensibile|debole|immobile)\b",
        r"(?:emiparesi|paresi|paralisi)\b",
        r"(?:perso|perdita della|perdo) (?:la )?vista",
        r"non (?:vede|ci vede|vedo|ci vedo) (?:piu niente|piu nulla|da un occhio)",
    ),
    BLEEDING: (
        rf"sanguin\w* {_FILLER}?(?:tanto|molto|tantissimo|moltissimo|senza sosta|"
        r"senza fermarsi|a fiotti|abbondantemente|troppo)\b",
        r"(?:non smette|non si ferma|non smetteva|non vuole smettere) di sanguinare",
        rf"(?:sangue|sanguinamento|emorragia) {_FILLER}?(?:che )?(?:non si ferma|non smette)",
        rf"(?:sangue|sanguinamento) {_FILLER}?(?:abbondante|a fiotti)",
        r"\bemorragia\b",
        r"(?:tanto|molto|moltissimo|tantissimo) sangue",
    ),
    COUGHING_BLOOD: (
        rf"(?:toss\w*|sput\w*|vomit\w*|rigett\w*|catarro) {_FILLER}{{0,2}}(?:con )?(?:il )?"
        r"sangue",
        r"sangue (?:nella tosse|quando tossisco|nel catarro|nel vomito)",
    ),
    CONFUSION: (
        rf"(?:eh|molto|tutto|tutta|sembra|sta|stato|completamente|parecchio) {_FILLER}?"
        r"(?:confus[oa]|disorientat[oa]|intontit[oa]|rintronat[oa])\b"
        r"(?! (?:su|sul|sulla|sugli|per|riguardo|con|da))",
        r"(?:non|nn) (?:mi|ci|ti) riconosce",
        # at the clause end: not "non risponde ai messaggi"
        r"(?:non|nn) (?:risponde|reagisce|si sveglia|si risveglia)"
        r"(?: piu| a niente| a nulla| agli stimoli)?$",
        rf"(?:non|nn) {_FILLER}{{0,2}}(?:riesco|riusciamo|riesce) {_FILLER}?(?:a )?svegliar\w*",
        r"(?:difficile|fatica a) svegliar\w*",
        r"(?:delira|delirando|straparla|straparlando|vaneggia)\b",
        r"non sa (?:dove|chi) (?:eh|si trova|sia)",
    ),
    CRISIS: (
        rf"(?:voglio|vuole|vorrei|volevo|voleva|penso di|pensando di|pensa di|ho voglia di|"
        rf"desidero|voglia di) {_FILLER}?(?:morire|uccidermi|ammazzarmi|suicidarmi|"
        r"togliermi la vita|farla finita|uccidersi|ammazzarsi|suicidarsi|togliersi la vita|"
        r"farmi del male|farsi del male)\b"
        r"(?! (?:dal|dalle|di) (?:ridere|risate|vergogna|fame|noia))",
        rf"(?:mi|si) {_FILLER}?(?:voglio|vuole|vorrei|sto per|vado a) (?:uccidere|ammazzare|"
        r"suicidare|togliere la vita)\b",
        r"(?:mi|si) (?:uccido|ammazzo|suicido|uccide|ammazza|suicida)\b",
        r"suicid(?:io|ar\w*|a|i)\b",
        r"farla finita",
        rf"(?:non|nn) {_FILLER}?(?:voglio|vuole|ce la faccio|ce la fa) {_FILLER}{{0,2}}"
        r"(?:a )?vivere\b",
        rf"(?:meglio|preferisco|preferirei) {_FILLER}{{0,2}}mort[oa]\b",
        rf"(?:preso|presa|presi|ingoiato|ingoiata|inghiottito|inghiottita|mandato giu|"
        rf"buttato giu) {_FILLER}{{0,2}}(?:tutte|tutti|troppe|troppi|molte|molti|tante|tanti|"
        rf"scatola|flacone|confezione|sacco|mucchio|manciata|boccetta)\b {_FILLER}{{0,3}}"
        rf"{_IT_PILLS}\b",
        rf"(?:preso|presa|ingoiato|inghiottito) {_FILLER}{{0,2}}(?:la |una |un |l )?"
        r"(?:scatola|flacone|confezione|boccetta) (?:intera|intero)",
        r"(?:un|una|di) overdose\b",
        r"sovradosaggio",
        r"(?:tagliarmi|tagliarsi|tagliato|tagliata) (?:le vene|i polsi)",
        r"autolesion\w*",
        rf"(?:buttarmi|gettarmi|lanciarmi|mi butto|mi getto|mi lancio) {_FILLER}{{0,3}}"
        r"(?:ponte|finestra|balcone|palazzo|tetto|treno|sotto)\b",
        r"(?:impiccarmi|mi impicco|impiccarsi|si impicca)\b",
        r"(?:spararmi|mi sparo|spararsi)\b",
        r"stanc[oa] di vivere",
        rf"(?:prendere|ingoiare|prenderle|ingoiarle|prendo|ingoio) {_FILLER}{{0,2}}(?:tutte|"
        rf"tutti|la scatola|il flacone) {_FILLER}{{0,3}}(?:insieme|in una volta|in un colpo|"
        r"per (?:morire|non svegliarmi|farla finita))",
        r"(?:non|nn) (?:voglio|vorrei) (?:piu )?svegliarmi(?: piu)?$",
    ),
    DESPAIR: (
        r"(?:non|nn) ce la faccio piu\b",
        r"(?:non|nn) (?:ne )?posso piu\b",
        r"(?:non|nn) (?:lo )?sopporto piu",
        r"(?:non|nn) vedo (?:via d uscita|via di uscita|nessuna via)",
    ),
    MEANS: (
        rf"{_IT_PILLS} {_FILLER}{{0,3}}(?:messe da parte|da parte|conservat\w*|nascost\w*|"
        r"accumulat\w*)",
        rf"(?:messo da parte|conservato|nascosto|accumulato|tenuto da parte) {_FILLER}{{0,3}}"
        rf"{_IT_PILLS}",
        rf"(?:tutte|tutti) {_FILLER}{{0,2}}(?:insieme|in una volta|stanotte|stasera)",
        r"(?:corda|pistola|ponte)\b",
    ),
    MENINGITIS: (
        rf"febbre {_FILLER}{{0,6}}(?:collo|nuca) {_FILLER}?(?:rigid|dur|bloccat)\w*",
        rf"(?:collo|nuca) {_FILLER}?(?:rigid|dur|bloccat)\w* {_FILLER}{{0,6}}febbre",
        rf"(?:macchie|macchioline|puntini) {_FILLER}?(?:viola|violacee|purpuree)\b",
    ),
    WORST_HEADACHE: (
        rf"(?:peggior|peggiore) mal di testa {_FILLER}{{0,3}}vita",
        rf"mal di testa {_FILLER}{{0,2}}(?:improvviso|esplosivo|insopportabile|come mai)",
    ),
    POISONING: (
        rf"(?:ingoiato|inghiottito|bevuto|mangiato|ingerito) {_FILLER}{{0,3}}(?:candeggina|"
        r"varechina|veleno|detersivo|detersivi|ammoniaca|benzina|topicida|diserbante|"
        r"pesticida|pila|pile|batteria|batterie)\b",
        rf"(?:ha|hanno) {_FILLER}{{0,2}}(?:ingoiato|inghiottito|mangiato|ingerito) "
        rf"{_FILLER}{{0,2}}(?:delle|alcune|tante|molte|parecchie|varie|le) {_IT_PILLS}\b",
        r"avvelenat\w*|avvelenamento",
    ),
}
_ITALIAN_RULES = _LanguageRules(
    concepts=_ITALIAN,
    negators=frozenset(
        "non nn n nessun nessuna nessuno niente nulla mai senza nemmeno neanche neppure".split()
    ),
    clause_breaks=("ma", "pero", "e", "ed", "invece", "tuttavia"),
    doubt=("non so se", "non sono sicur", "non sappiamo se"),
    lone_is=True,
)

# --- German -----------------------------------------------------------------------------
# Umlauts are typed as ä or ae ("möchte", "moechte"); accents are folded, so each is written
# "(?:o|oe)". German can put the denial after the verb ("die Brust tut nicht weh"): a
# denial word inside a matched phrase counts.
_DE_CAN = r"(?:kann|kannst|k(?:o|oe)nnen|k(?:o|oe)nnt|konnte|konnten|k(?:o|oe)nnte)"
_DE_PILLS = (
    r"(?:tabletten|pillen|medikamente|schlaftabletten|kapseln|beruhigungsmittel|"
    r"schmerzmittel|schmerztabletten)"
)
_GERMAN: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"{_DE_CAN} {_FILLER}{{0,3}}(?:nicht|nich|net|kaum) {_FILLER}{{0,2}}(?:atmen|"
        r"luft holen|luft bekommen|luft kriegen|durchatmen|einatmen)\b",
        rf"{_DE_CAN} {_FILLER}{{0,3}}(?:schlecht|schwer) {_FILLER}?(?:atmen|luft holen)\b",
        rf"(?:krieg|kriege|kriegt|kriegen|bekomm|bekomme|bekommt|bekommen|hab|habe|hat|"
        rf"haben) {_FILLER}{{0,2}}(?:keine|kaum|nicht genug) {_FILLER}?luft\b",
        rf"(?:krieg|kriege|kriegt|kriegen|bekomm|bekomme|bekommt|bekommen) {_FILLER}{{0,2}}"
        rf"(?:schlecht|wenig) {_FILLER}?luft\b",
        r"keine luft mehr",
        r"(?:atemnot|luftnot|kurzatmig\w*|atembeschwerden|atemprobleme)",
        rf"(?:schwer|muhsam|muehsam) {_FILLER}?(?:zu )?atmen\b",
        rf"atmen {_FILLER}{{0,2}}(?:schwer|muhsam|muehsam)\b",
        r"atmet (?:nicht|kaum)\b",
        rf"atmet {_FILLER}?(?:schwer|schnell|komisch|flach|pfeifend|rochelnd|roechelnd)\b",
        rf"(?:hort|hoert|horte|hoerte) {_FILLER}{{0,2}}auf zu atmen",
        rf"(?:atmung|atem) {_FILLER}?(?:setzt aus|ausgesetzt|stockt)",
        r"erstick\w*",
        r"r(?:o|oe)chel\w*",
        rf"(?:ringt|ringe|ringen|rang|schnappt|schnappe|schnappen|japst|japse) {_FILLER}?"
        r"nach luft",
        rf"pfeif\w* {_FILLER}{{0,2}}(?:beim atmen|in der brust)",
        r"asthma ?(?:anfall|attacke)",
    ),
    CHEST_PAIN: (
        r"brust(?:schmerz\w*|enge|druck|stechen|beklemmung|brennen)",
        rf"(?:schmerz\w*|druck|enge|engegefuhl|engegefuehl|stechen|brennen|ziehen|"
        rf"beklemmung\w*|stiche|stich) {_FILLER}{{0,3}}(?:in der|auf der|an der|in meiner|"
        rf"auf meiner|im|in|in die) {_FILLER}?(?:brust|brustkorb|herzgegend|herz)\b",
        rf"(?:brust|brustkorb|herz) {_FILLER}{{0,3}}(?:tut|tat|tun) {_FILLER}{{0,2}}weh\b",
        rf"(?:tut|tat) {_FILLER}{{0,3}}(?:brust|brustkorb|herz) {_FILLER}{{0,2}}weh\b",
        rf"(?:druckt|drueckt|sticht|brennt|zieht|schmerzt|schnurt|schnuert) {_FILLER}{{0,3}}"
        r"(?:brust|brustkorb)\b",
        rf"(?:brust|brustkorb) {_FILLER}{{0,2}}(?:schmerzt|druckt|drueckt|sticht|brennt|eng|"
        r"engt|zugeschnurt|zugeschnuert)\b",
        r"herz(?:infarkt|anfall|attacke|schmerzen|stillstand)",
        r"\binfarkt\b",
    ),
    THROAT: (
        rf"(?:hals|rachen|kehle) {_FILLER}{{0,3}}(?:schwillt|schwellt|schwellen|schwoll|"
        r"geschwollen|zugeschwollen|angeschwollen|eng|enger|zu|zusammen|dick|dicht|schnurt|"
        r"schnuert|zugeschnurt|zugeschnuert)\b",
        rf"(?:schwillt|schwellt|zieht sich|schnurt sich|schnuert sich|schnurt|schnuert) "
        rf"{_FILLER}{{0,2}}(?:hals|rachen|kehle)\b",
        rf"(?:schwellung|anschwellung) {_FILLER}{{0,2}}(?:hals|rachen|kehle)\b",
        rf"{_DE_CAN} {_FILLER}{{0,3}}(?:nicht|nich|net|kaum) {_FILLER}?(?:mehr )?"
        r"(?:schlucken|runterschlucken)\b",
        r"(?:glottis(?:o|oe)dem|quincke\w*)",
    ),
    LIPS: (
        rf"(?:lippe|lippen|zunge|gesicht|mund|oberlippe|unterlippe) {_FILLER}{{0,3}}"
        r"(?:geschwollen|schwillt|schwellen|dick|dicker|angeschwollen|aufgequollen)\b",
        r"(?:geschwollen|angeschwollen|dick)\w* (?:lippe|lippen|zunge|gesicht)\b",
        rf"(?:schwellung|anschwellung|schwellungen) {_FILLER}{{0,2}}"
        r"(?:lippe|lippen|zunge|gesicht|mund)\w*",
        rf"(?:schwillt|schwellen|schwoll|schwollen) {_FILLER}{{0,2}}(?:lippe|lippen|zunge|"
        r"gesicht)\b",
        r"(?:lippen|zungen|gesichts)schwellung",
    ),
    BLUE_LIPS: (
        rf"(?:lippe|lippen|finger|fingernagel|fingernaegel|nagel|naegel|gesicht|mund) "
        rf"{_FILLER}{{0,2}}(?:blau|blaulich|blaeulich|lila|violett|grau)\w*",
        rf"(?:lauft|laeuft|lief|wird|wurde) {_FILLER}{{0,2}}blau an\b",
        r"zyano(?:se|tisch)",
    ),
    FAINTING: (
        r"ohnm(?:a|ae)cht\w*",
        r"bewu(?:ss|ß)tlos\w*",
        r"bewu(?:ss|ß)tsein (?:verloren|verlieren|verliert|verlor)",
        rf"(?:verliert|verlor|verloren) {_FILLER}?(?:das )?bewu(?:ss|ß)tsein",
        r"(?:umgekippt|weggekippt|zusammengebrochen|zusammengesackt|kollabiert|weggetreten)",
        r"kippt (?:um|weg)\b",
        r"(?:klappt|klappte) zusammen",
        r"kreislaufkollaps",
        r"synkope",
    ),
    SEIZURE: (
        r"krampfanf(?:a|ae)ll\w*",
        r"(?:epilepsie|epileptisch\w*|fieber) ?(?:anf(?:a|ae)ll|kr(?:a|ae)mpf)\w*",
        r"(?:hat|hatte|bekommt|bekam|kriegt|kriegte) (?:gerade |grade |jetzt |wieder )?"
        r"(?:einen |nen |n )?anf(?:a|ae)ll\b",
        r"krampft\b",
        rf"(?:zuckt|zucken|zuckungen) {_FILLER}{{0,2}}ganzen k(?:o|oe)rper",
        r"schaum vor dem mund",
        r"verdreh\w* (?:die )?augen",
        r"konvulsion\w*",
    ),
    STROKE: (
        r"schlaganf(?:a|ae)ll\w*",
        r"(?:hirnschlag|hirninfarkt|hirnblutung|apoplex\w*)",
        rf"(?:gesicht|mund|mundwinkel|gesichtsh(?:a|ae)lfte) {_FILLER}{{0,2}}(?:h(?:a|ae)ngt|"
        r"schief|verzogen|gel(?:a|ae)hmt|runter)\b",
        r"(?:h(?:a|ae)ngend|schief|verzogen)\w* (?:mundwinkel|gesicht|mund)",
        rf"(?:spricht|redet|sprache) {_FILLER}{{0,2}}(?:verwaschen|undeutlich|lallend|"
        r"komisch|seltsam|unverst(?:a|ae)ndlich)\b",
        r"lallt\b",
        # someone else who cannot speak; the patient's own "kann nicht reden" is often busy
        rf"(?:er|sie|mann|frau|vater|mutter|papa|mama|sohn|tochter|kind|oma|opa|partner|"
        rf"partnerin) {_FILLER}?(?:kann|konnte) {_FILLER}{{0,2}}(?:nicht|kaum|nich|net) "
        r"(?:mehr )?(?:richtig |klar |deutlich )?(?:sprechen|reden)\b",
        rf"{_DE_CAN} {_FILLER}{{0,3}}(?:nicht|kaum|nich|net) (?:mehr )?(?:richtig|klar|"
        r"deutlich) (?:sprechen|reden)\b",
        rf"(?:kann|k(?:o|oe)nnen|konnte) {_FILLER}{{0,3}}(?:arm|bein|hand|seite)\w* "
        rf"{_FILLER}?(?:nicht|kaum) (?:mehr )?(?:bewegen|heben|sp(?:u|ue)ren)\b",
        rf"(?:eine|linke|rechte|einer|linken|rechten|ganze) (?:seite|k(?:o|oe)rperh(?:a|ae)lfte|"
        rf"k(?:o|oe)rperseite|gesichtsh(?:a|ae)lfte|gesichtsseite)\w* {_FILLER}{{0,3}}"
        r"(?:gel(?:a|ae)hmt|taub|lahm|schlaff|kraftlos|schwach|gef(?:u|ue)hllos)\b",
        r"(?:l(?:a|ae)hmung|halbseitig\w*)",
        rf"(?:sieht|sehe) {_FILLER}?(?:pl(?:o|oe)tzlich|auf einmal) (?:nichts|nix|schwarz|"
        r"doppelt)",
    ),
    BLEEDING: (
        rf"(?:blutet|blute|bluten|blutete) {_FILLER}{{0,2}}(?:stark|ohne ende|ununterbrochen|"
        r"heftig|wie verr(?:u|ue)ckt|extrem|immer weiter)\b",
        rf"(?:blutung|blutungen|bluten|blutet) {_FILLER}{{0,2}}(?:h(?:o|oe)rt|h(?:o|oe)ren) "
        rf"{_FILLER}?nicht (?:mehr )?auf",
        rf"(?:h(?:o|oe)rt|h(?:o|oe)rte) {_FILLER}{{0,2}}nicht (?:mehr )?auf zu bluten",
        r"(?:starke|heftige|massive) blutung",
        r"viel blut",
    ),
    COUGHING_BLOOD: (
        rf"(?:hustet|huste|husten|spuckt|spucke|spucken|erbricht|erbreche|kotzt|kotze|"
        rf"hustete|spuckte|erbrach) {_FILLER}{{0,2}}blut\b",
        rf"blut {_FILLER}?(?:husten|spucken|erbrechen|erbrochen|gehustet|gespuckt|"
        r"ausgehustet|ausgespuckt|gekotzt)\b",
        r"bluthusten",
        r"blut (?:im|beim) (?:husten|auswurf|erbrochenen)",
    ),
    CONFUSION: (
        rf"(?:ist|sehr|total|ganz|v(?:o|oe)llig|wirkt|wird|pl(?:o|oe)tzlich) {_FILLER}?"
        r"(?:verwirrt|desorientiert|orientierungslos|benommen)\b"
        r"(?! (?:wegen|uber|ueber|was|mit|von))",
        r"nicht (?:mehr )?ansprechbar",
        rf"(?:reagiert|antwortet) {_FILLER}?(?:nicht|kaum)(?: mehr)?"
        r"(?: auf (?:uns|mich|nichts|ansprache))?$",
        rf"(?:wacht|wachte|wird) {_FILLER}?nicht (?:mehr )?(?:auf|wach)\b",
        r"nicht (?:wach|aufzuwecken|wachzukriegen|zu wecken|wach zu kriegen)\b",
        rf"(?:erkennt|erkannte) {_FILLER}{{0,2}}nicht\b",
        r"(?:wei(?:ss|ß)|wusste) nicht (?:mehr )?(?:wo|wer) (?:er|sie|ich)",
        rf"(?:redet|spricht) {_FILLER}?(?:wirr|unsinn|wirres zeug|durcheinander)",
        r"(?:halluziniert|fantasiert|phantasiert|deliriert)",
    ),
    CRISIS: (
        rf"(?:will|willst|m(?:o|oe)chte|m(?:o|oe)chten|wollen|wollte|w(?:u|ue)nsche|lust|"
        rf"denke daran|denke dran|gedanken) {_FILLER}{{0,2}}(?:zu )?sterben\b",
        rf"(?:w(?:a|ae)re|w(?:a|ae)r|will|m(?:o|oe)chte) {_FILLER}{{0,2}}lieber tot\b",
        r"(?:will|m(?:o|oe)chte) tot sein",
        rf"(?:mich|sich|dich) {_FILLER}?umbringen",
        rf"(?:bringe|bring|bringt|bringen) {_FILLER}{{0,2}}(?:mich|sich) um\b",
        r"(?:mich|sich) (?:t(?:o|oe)ten|erschie(?:ss|ß)en|erh(?:a|ae)ngen|aufh(?:a|ae)ngen|"
        r"umzubringen)\b",
        r"selbstmord\w*",
        r"suizid\w*",
        rf"(?:will|m(?:o|oe)chte|kann|wollen|mag) {_FILLER}{{0,2}}nicht mehr leben",
        r"keine lust mehr (?:zu |auf )?(?:leben|das leben)",
        rf"(?:mein|sein|ihr|das|dem) leben {_FILLER}?(?:nehmen|beenden)",
        rf"(?:alle|viele|zuviele|packung|schachtel|haufen|handvoll)\w* {_FILLER}{{0,3}}"
        rf"{_DE_PILLS}\w* {_FILLER}{{0,2}}(?:genommen|geschluckt|eingenommen|eingeschmissen|"
        r"eingeworfen)",
        rf"(?:ganze|komplette) (?:packung|schachtel|dose|flasche|blister) {_FILLER}{{0,2}}"
        r"(?:genommen|geschluckt|eingenommen)",
        r"(?:u|ue)berdosis",
        rf"(?:will|m(?:o|oe)chte|werde) {_FILLER}?(?:mich|sich) (?:verletzen|ritzen)",
        r"(?:mich|sich) ritzen",
        rf"(?:mir|sich) {_FILLER}?(?:was|etwas) (?:antun|anzutun)",
        rf"(?:springe|spring|springen|sturze|stuerze|werfe) {_FILLER}{{0,3}}(?:brucke|bruecke|"
        r"dach|fenster|balkon|hochhaus|zug|gleise)\w*",
        rf"(?:von|vor) {_FILLER}?(?:brucke|bruecke|dach|hochhaus|zug|fenster)\w* "
        r"(?:springen|sturzen|stuerzen|werfen)",
        r"lebensm(?:u|ue)de",
        rf"(?:alle|ganze|komplette) {_FILLER}{{0,2}}{_DE_PILLS}\w* {_FILLER}{{0,3}}"
        r"(?:auf einmal|zusammen|gleichzeitig|um zu sterben)",
        r"(?:will|m(?:o|oe)chte) (?:nie|nicht) mehr aufwachen",
        r"keinen sinn mehr (?:zu leben|im leben)",
    ),
    DESPAIR: (
        r"kann nicht mehr\b(?! (?:atmen|schlafen|essen|laufen|gehen|sehen|sprechen|reden|"
        r"schlucken|stehen|pinkeln))",
        r"halte? (?:es|das) nicht mehr aus",
        r"(?:keine|null) kraft mehr",
    ),
    MEANS: (
        rf"{_DE_PILLS}\w* {_FILLER}{{0,3}}(?:gesammelt|gehortet|aufgehoben|beiseite|versteckt|"
        r"aufgespart|gebunkert)",
        rf"(?:gesammelt|gehortet|aufgehoben|versteckt|aufgespart|gebunkert|sammle|horte) "
        rf"{_FILLER}{{0,3}}{_DE_PILLS}",
        rf"(?:alle|alles) {_FILLER}?(?:auf einmal|zusammen|heute nacht)",
        r"(?:strick|seil|brucke|bruecke)\b",
    ),
    MENINGITIS: (
        rf"fieber {_FILLER}{{0,6}}(?:steifen nacken|steifer nacken|nackensteif\w*|"
        rf"nacken {_FILLER}?steif)",
        rf"(?:steifen nacken|steifer nacken|nackensteif\w*|nacken {_FILLER}?steif) "
        rf"{_FILLER}{{0,6}}fieber",
    ),
    WORST_HEADACHE: (
        rf"(?:schlimmsten|st(?:a|ae)rksten|heftigsten) kopfschmerzen {_FILLER}{{0,3}}"
        r"(?:leben|lebens)",
        r"(?:vernichtungskopfschmerz|donnerschlagkopfschmerz)\w*",
        rf"kopfschmerzen {_FILLER}?(?:pl(?:o|oe)tzlich|explosionsartig|wie noch nie|"
        r"unertr(?:a|ae)glich)",
    ),
    POISONING: (
        rf"(?:putzmittel|bleiche|chlor\w*|gift|reiniger|sp(?:u|ue)lmittel|waschmittel|"
        rf"rattengift|benzin|lampen(?:o|oe)l|knopfbatterie|batterie)\w* {_FILLER}{{0,2}}"
        r"(?:geschluckt|getrunken|gegessen|verschluckt)",
        rf"{_DE_PILLS}\w* {_FILLER}{{0,2}}(?:verschluckt|gegessen)",
        r"vergift(?:et|ung)\b",
    ),
}
_GERMAN_RULES = _LanguageRules(
    concepts=_GERMAN,
    negators=frozenset(
        "nicht nich net kein keine keinen keinem keiner keines nie niemals nein".split()
    ),
    clause_breaks=("aber", "und", "sondern", "jedoch"),
    doubt=("weiss nicht ob", "weiß nicht ob", "nicht sicher"),
)

# --- Haitian Creole -----------------------------------------------------------------------
# Haitian families in the US (Florida, New York, Massachusetts). Spelled as people text it:
# accents dropped ("doulè" -> "doule"), "m/l/n" for "mwen/li/nou" ("m pa ka respire"),
# "pa" denies and "pa ka" (cannot) is the finding. "kriz" alone is a fit (seizure); "kriz
# opresyon" is an asthma attack and "kriz kè" a heart attack.
_HT_NOT = r"(?:pa|p|pat|pap|paka|poko)"
_HT_CAN = r"(?:ka |kab |kapab |kap |rive |reyisi )?"
_HT_ME = r"(?:mwen|m|li|l|nou|n|yo|y)"
_HT_PILLS = r"(?:grenn|medikaman|konprime|pilil|remed)"
_CREOLE: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        rf"{_HT_NOT} {_FILLER}?{_HT_CAN}respire\b",
        rf"{_HT_NOT} {_FILLER}?{_HT_CAN}(?:pran|rale|jwenn) souf\b",
        rf"(?:difikilte|pwoblem|traka|mal) {_FILLER}{{0,2}}(?:pou|po) {_FILLER}?respire",
        rf"souf {_FILLER}{{0,2}}(?:kout|koupe|bloke|manke|fin|ap koupe)\b",
        rf"souf {_FILLER}{{0,2}}pa (?:ase|sifi)\b",
        rf"(?:manke|kout|koupe) {_FILLER}?souf\b",
        rf"(?:pa gen|pa genyen|san) {_FILLER}?souf\b",
        r"(?:toufe|etoufe|trangle)\w*",
        rf"respire {_FILLER}?(?:mal|difisil|vit vit|red|di)\b",
        rf"respirasyon {_FILLER}?(?:difisil|kout|bloke|red)",
        r"kriz (?:opresyon|lasm|asm)\w*",
        r"sispann respire",
    ),
    CHEST_PAIN: (
        rf"(?:doule|mal|presyon|sere|pwa|boule|kout kouto|pike) {_FILLER}{{0,3}}"
        rf"(?:nan|sou|anba) {_FILLER}?(?:pwatrin|pwetrin|lestomak)\b",
        rf"(?:pwatrin|pwetrin|lestomak) {_FILLER}{{0,3}}(?:fe {_HT_ME} mal|fe mal|sere|lou|"
        r"boule|peze|fe m soufri)\b",
        rf"ke {_HT_ME} {_FILLER}{{0,2}}(?:fe {_HT_ME} mal|fe mal|sere|peze)\b",
        r"doule (?:nan|sou) ke (?:mwen|m|li|l)\b",
        r"(?:atak|kriz) (?:ke|kadyak)\b",
        r"(?:enfaktis|infaktis|enfakt)\b",
    ),
    THROAT: (
        rf"goj {_FILLER}{{0,3}}(?:femen|fenmen|anfle|enfle|gonfle|sere|bouche|bloke)\b",
        rf"(?:femen|fenmen|anfle|sere|bloke) {_FILLER}?goj\b",
        rf"{_HT_NOT} {_FILLER}?{_HT_CAN}vale\b",
    ),
    LIPS: (
        rf"(?:po bouch|bouch|lev|lang|figi) {_FILLER}{{0,3}}(?:anfle|enfle|gonfle|vin gwo|"
        r"gwosi)\b",
        rf"(?:anfle|enfle|gonfle) {_FILLER}?(?:nan )?(?:po bouch|bouch|lev|lang|figi)\b",
    ),
    BLUE_LIPS: (
        rf"(?:po bouch|bouch|lev|dwet|zong|figi) {_FILLER}{{0,2}}(?:vin |tounen )?"
        r"(?:ble|mov|vyolet|gri)\b",
    ),
    FAINTING: (
        r"endispoze\w*",
        rf"(?:pedi|pedu) {_FILLER}?konesans",
        r"san konesans",
        r"vanouy\w*",
        r"(?:senkop|sinkop)\w*",
    ),
    SEIZURE: (
        rf"(?:fe|ap fe|pral fe|te fe|fin fe|gen|genyen|pran) {_FILLER}?kriz\b"
        r"(?! (?:ke|kadyak|opresyon|lasm|asm|ne|tansyon|dyabet|sik|panik|kole|rir|ri))",
        r"kriz (?:malkadi|epilepsi|konvilsyon)",
        r"\bmalkadi\b",
        r"(?:konvilsyon|konvulsyon)\w*",
        r"(?:kim|kimen|ekim) (?:nan|sot nan|soti nan) bouch",
    ),
    STROKE: (
        r"konjesyon(?: serebral)?",
        r"\bavc\b",
        r"atak serebral",
        r"(?:estwok|stwok)\b",
        rf"(?:bouch|figi|po bouch) {_FILLER}{{0,2}}(?:kwochi|vire|tode|panche|lage)\b",
        rf"(?:li|l|papa|manman|mari|madanm|pitit|granmoun|grann|gason|fi|pitit fi) "
        rf"{_FILLER}?{_HT_NOT} {_HT_CAN}pale\b(?! (?:ak|avek|ave|kounye|kounya|nan telefon))",
        rf"pale {_FILLER}?(?:dwol|pa kle|lou|bege|anbrouye|mele)\b",
        rf"{_HT_NOT} {_FILLER}?{_HT_CAN}(?:leve|deplase|santi|bouje|brase) {_FILLER}{{0,2}}"
        r"(?:bra|janm|men|pye|yon bo)\b",
        rf"(?:yon bo|yon kote|mwatye) {_FILLER}{{0,3}}(?:paralize|mouri|lou|angoudi)\b",
        rf"(?:yon bo|yon kote|mwatye) {_FILLER}{{0,3}}pa (?:ka bouje|santi)\b",
        r"paralize\w*",
    ),
    BLEEDING: (
        rf"senyen {_FILLER}?(?:anpil|twop|san rete|san kanpe)\b",
        rf"senyen {_FILLER}?(?:pa vle rete|pa sispann|pa kanpe|pap rete|pap sispann)\b",
        rf"san {_FILLER}{{0,2}}(?:pa vle|pap|pa) (?:sispann|rete|kanpe)\b",
        rf"{_HT_NOT} {_FILLER}?(?:sispann|rete|kanpe) senyen",
        rf"(?:pedi|koule) {_FILLER}?anpil san\b",
        r"\bemoraji\b",
    ),
    COUGHING_BLOOD: (
        rf"(?:touse|krache|vomi|rann) {_FILLER}{{0,2}}san\b(?! (?:rete|sispann|kanpe|pran))",
    ),
    CONFUSION: (
        r"(?:konfize|konfuz|depale|delire)\w*",
        r"pedi tet (?:li|l|mwen|m)\b",
        rf"pa (?:konnen|konn) (?:kote|ki kote) {_HT_ME} ye",
        rf"(?:pa|pap) rekonet {_HT_ME}\b",
        r"(?:pa|pap) (?:reponn|reyaji|reveye)(?: ditou| menm| anko)?$",
        rf"(?:pa|pap) {_HT_CAN}reveye (?:li|l|yo)\b",
    ),
    CRISIS: (
        rf"(?:vle|anvi|ta renmen|ap panse|panse) {_FILLER}?(?:mouri|touye tet {_HT_ME}|"
        rf"fini ak lavi {_HT_ME}|fini ak tet {_HT_ME})\b",
        rf"touye tet {_HT_ME}\b(?! (?:ak|nan|pou) travay)",
        r"(?:swisid|komet swisid)\w*",
        rf"(?:pa|pap) {_FILLER}?vle viv\b",
        r"pa gen rezon pou (?:m|mwen) viv",
        rf"(?:bwe|pran|vale) {_FILLER}{{0,2}}(?:tout|twop|anpil|yon bwat|bwat|yon paket|paket|"
        rf"yon boutey|boutey) {_FILLER}{{0,2}}{_HT_PILLS}\w*",
        rf"(?:bwe|pran|vale) {_FILLER}{{0,2}}{_HT_PILLS} (?:twop|anpil)\b",
        rf"fe tet {_HT_ME} mal\b",
        r"koupe (?:ponyet|venn)",
        rf"(?:bouke|fatige) {_FILLER}?viv\b",
        rf"pann tet {_HT_ME}\b",
        rf"(?:jete|lage|voye) tet {_HT_ME} {_FILLER}?(?:anba|sou|nan|soti)\b",
        rf"(?:sote|vole) {_FILLER}{{0,2}}(?:sou|nan|soti sou) {_FILLER}?(?:pon|bilding|do kay|tet kay)\b",
        rf"(?:bwe|pran|vale) {_FILLER}{{0,2}}tout {_FILLER}{{0,2}}{_HT_PILLS}\w* {_FILLER}{{0,2}}"
        r"(?:ansanm|yon sel kou|yon sel fwa|pou m mouri)",
    ),
    DESPAIR: (
        rf"{_HT_NOT} {_FILLER}?(?:ka|kab|kapab) (?:anko|sipote)\b",
        r"bouke ak tout",
    ),
    MEANS: (
        rf"(?:sere|kache|ranmase|estoke) {_FILLER}{{0,2}}{_HT_PILLS}",
        rf"{_HT_PILLS}\w* {_FILLER}{{0,2}}(?:sere|kache|ranmase)",
        r"tout ansanm",
        r"(?:kod|zam|pon)\b",
    ),
    MENINGITIS: (
        rf"(?:lafyev|fyev|fev) {_FILLER}{{0,6}}kou {_HT_ME} {_FILLER}?(?:red|di|bloke)\b",
        rf"kou {_HT_ME} {_FILLER}?(?:red|di|bloke) {_FILLER}{{0,6}}(?:lafyev|fyev|fev)\b",
    ),
    POISONING: (
        rf"(?:bwe|vale|manje) {_FILLER}{{0,2}}(?:klowoks|klorox|kloroks|pwazon|kerozin|"
        r"dlo javel|javel|gaz|jif|pil)\b",
        r"(?:anpwazonnen|pwazonnen)\w*",
    ),
}
_CREOLE_RULES = _LanguageRules(
    concepts=_CREOLE,
    negators=frozenset("pa p pat pap paka poko janm okenn".split()),
    clause_breaks=("men", "epi", "e", "apre sa"),
    doubt=("pa konnen si", "pa konn si", "pa seten", "pa sur"),
)

# --- Hindi ----------------------------------------------------------------------------------
# Hindi speakers in the US write in Devanagari or in Latin letters ("Hinglish", with English
# words mixed in: "mujhe chest pain ho raha hai"); each finding has both. Devanagari vowel
# signs are no \w, so a word between the parts is any run of non-spaces (_HI_WORD), and
# nukta and chandrabindu are dropped before matching (see _LETTER_FORMS). Hindi mostly
# denies after the symptom ("seene mein dard nahi hai"): denial_after reads the next words;
# a phrase that holds "nahi" ("saans nahi aa rahi") is the finding.
_HI_WORD = r"(?:\S+ )"
_HI_NOT = r"(?:nahi|nahin|nahee|nhi|nai|नहीं|नही)"
_HI_MANAGE = r"(?:pa|paa|pao|sak|पा|सक)\S*"  # "le pa raha", "bol sakta": can, manage
_HI_BREATH = r"(?:saans|saanse|sans|swaas|swas|saason|सांस|सांसें|श्वास)"
_HI_HARD = r"(?:taklif|takleef|takalif|tklif|dikkat|diqqat|dikat|pareshani|mushkil|problem|" \
           r"तकलीफ|दिक्कत|परेशानी|मुश्किल)"
# Not "dil" (heart) alone: "dil bhaari hai" is sadness; "dil mein dard" is read below.
_HI_CHEST = r"(?:seene|seena|sine|seeney|chhati|chhaati|chati|chaati|सीने|सीना|छाती)"
_HI_CHEST_FEEL = (
    r"(?:dard|dardh|jalan|dabav|dabaav|dabaw|bhaari|bhari|bhaaripan|bharipan|jakdan|"
    r"jakadan|kasav|khinchav|दर्द|जलन|दबाव|भारीपन|भारी|जकडन|कसाव|खिंचाव)"
)
_HI_SWELL = r"(?:sooj|suj|soj|सूज)\S*"
_HI_BLOOD = r"(?:khoon|khun|खून)"
_HI_PILLS = (
    r"(?:goliyan|goliyaan|goliya|golian|goli|dawai|dawaiyan|dawaiyaan|dawa|dawaai|tablets|"
    r"tablet|pills|गोलियां|गोली|दवाई|दवाइयां|दवा|टैबलेट)"
)
_HINDI: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        # not "saans ki taklif nahi ho rahi" (no trouble breathing)
        rf"{_HI_BREATH} (?:(?!(?:ki|ka|mein|me|की|का|में) )\S+ ){{0,2}}{_HI_NOT} "
        rf"{_HI_WORD}{{0,2}}(?:le|li|lee|aa|aay|ho|ban|ले|आ|हो|बन)\S*",
        rf"{_HI_BREATH} {_HI_WORD}?(?:lene|lena|lete|लेने|लेते) (?:mein|me|mai|main|mei|में|मे) "
        rf"{_HI_WORD}{{0,2}}{_HI_HARD}",
        rf"{_HI_BREATH} (?:ki|ka|mein|me|की|का|में) {_HI_HARD}",
        rf"{_HI_BREATH} {_HI_WORD}{{0,2}}(?:phool|phul|fool|ful|ukhad|ukhar|ruk|atak|band|ghut|"
        r"chadh|फूल|उखड|रुक|अटक|बंद|घुट|चढ)\S*",
        r"(?:dam|दम) (?:ghut|घुट)\S*",
        r"(?:ghutan|घुटन)",
    ),
    CHEST_PAIN: (
        rf"{_HI_CHEST} {_HI_WORD}{{0,3}}{_HI_CHEST_FEEL}",
        rf"(?:seena|chhati|chati|सीना|छाती) {_HI_WORD}?(?:dukh|jal|jakad|kas|दुख|जल|जकड|कस)\S*",
        r"(?:dil ka daura|dil ka dora|दिल का दौरा)",
        rf"(?:heart attack|हार्ट अटैक) {_HI_WORD}?(?:aa|aaya|aya|hua|pada|pad|आ|हुआ|पड)\S*",
        rf"chest (?:mein |me )?(?:pain|pressure|dard) {_HI_WORD}?(?:ho|hai|h|hua|hota|है|हो)(?!\w)",
        rf"(?:dil|दिल) (?:mein|me|में) {_HI_WORD}?(?:dard|dabav|dabaav|jalan|दर्द|दबाव|जलन)",
    ),
    THROAT: (
        rf"(?:gala|gale|galaa|गला|गले) {_HI_WORD}{{0,2}}(?:{_HI_SWELL}|(?:band|bandh|ghut|"
        r"sikud|बंद|घुट|सिकुड)\S*)",
        r"(?:gale|गले) (?:mein|me|में) (?:sujan|soojan|सूजन)",
        rf"(?:nigal|nigl|निगल)\S* {_HI_WORD}{{0,2}}{_HI_NOT} {_HI_WORD}?{_HI_MANAGE}",
        rf"(?:nigalne|निगलने) (?:mein|me|में) {_HI_WORD}?{_HI_HARD}",
    ),
    LIPS: (
        rf"(?:honth|hont|hoth|honthon|hothon|honton|jeebh|jibh|jeeb|zubaan|zuban|jubaan|juban|"
        rf"chehra|chehre|chehara|muh|munh|होंठ|होठ|होंठों|होठों|जीभ|जुबान|जबान|चेहरा|चेहरे|मुंह) "
        rf"{_HI_WORD}{{0,2}}{_HI_SWELL}",
        rf"(?:honth|hont|hoth|honthon|hothon|jeebh|zubaan|zuban|chehra|chehre|होंठ|होठ|जीभ|"
        rf"चेहरा|चेहरे) {_HI_WORD}{{0,2}}(?:phool|phul|fool|फूल)\S*",
        r"(?:honthon|hothon|honth|hoth|jeebh|zubaan|chehre|chehra|होंठों|होंठ|जीभ|चेहरे) "
        r"(?:par|pe|mein|me|पर|में) (?:sujan|soojan|सूजन)",
    ),
    BLUE_LIPS: (
        rf"(?:honth|hoth|hont|honthon|hothon|nakhun|naakhun|ungliyan|ungliyon|chehra|होंठ|होठ|"
        rf"नाखून|उंगलियां|उंगलियों|चेहरा) {_HI_WORD}{{0,2}}(?:neele|neela|neeli|nile|nila|nili|"
        r"baingani|bangani|jamuni|नीले|नीला|नीली|बैंगनी|जामुनी)",
    ),
    FAINTING: (
        r"(?:behosh|beyhosh|be hosh|बेहोश)\S*",
        rf"(?:hosh|होश) {_HI_WORD}?(?:kho|gum|gawa|ud|खो|गुम|उड)\S*",
        rf"(?:hosh|होश) (?:mein|me|में) {_HI_NOT}",
        r"(?:murchha|moorchha|मूर्छा|मूर्च्छा)",
        rf"(?:chakkar|चक्कर) {_HI_WORD}{{0,3}}(?:gir|गिर)\S*",
    ),
    SEIZURE: (
        rf"(?<!dil ka )(?<!दिल का )(?:daura|dora|daure|दौरा|दौरे) {_HI_WORD}?(?:pad|padh|aaya|"
        r"aya|aa|पड|आ)\S*",
        r"(?:mirgi|mirgee|मिर्गी)",
        rf"(?:jhatke|jhatka|jatke|झटके|झटका) {_HI_WORD}?(?:aa|lag|aaye|aye|pad|आ|लग|पड)\S*",
        rf"(?:fits?|फिट्स|फिट) {_HI_WORD}?(?:aa|aaya|aya|aaye|pad|pada|आ|पड)\S*",
        r"(?:muh|munh|मुंह) (?:se|से) (?:jhaag|jhag|झाग)",
    ),
    STROKE: (
        r"(?:lakwa|lakva|laqwa|लकवा)",
        rf"(?:brain stroke|stroke|paralysis|स्ट्रोक|ब्रेन स्ट्रोक) {_HI_WORD}?(?:aa|aaya|aya|"
        r"hua|hui|pad|pada|maar|mar|आ|हुआ|पड|मार)\S*",
        rf"(?:muh|munh|chehra|chehre|honth|मुंह|चेहरा|चेहरे) {_HI_WORD}{{0,2}}(?:tedha|tedhi|"
        r"tedhe|terha|tircha|latak|jhuk|टेढा|टेढी|टेढे|लटक|झुक)\S*",
        rf"(?:bol|बोल) {_HI_NOT} {_HI_WORD}?(?:pa|paa|पा)\S*",
        rf"(?:zubaan|zuban|jubaan|juban|awaaz|aawaz|awaz|जुबान|जबान|आवाज) {_HI_WORD}{{0,2}}"
        r"(?:ladkhad|latpat|lad khad|atak|लडखड|अटक)\S*",
        rf"(?:saaf|theek se|thik se|साफ|ठीक से) {_HI_NOT} (?:bol|बोल)",
        rf"(?:ek taraf|ek side|ek hissa|aadha sharir|aadha shareer|aadha badan|aadhe sharir|"
        rf"aadhe badan|एक तरफ|आधा शरीर|आधे शरीर|आधा बदन) {_HI_WORD}{{0,3}}(?:sunn|kamzor|"
        r"kamjor|bejaan|lakwa|सुन्न|कमजोर|बेजान|लकवा)\S*",
        rf"(?:haath|hath|baazu|bazu|pair|taang|हाथ|बाजू|पैर|टांग) {_HI_WORD}{{0,2}}{_HI_NOT} "
        rf"{_HI_WORD}?(?:utha|uth|hil|उठ|हिल)\S*",
        rf"(?:achanak|अचानक) {_HI_WORD}{{0,2}}(?:dikhna band|dikhai (?:nahi|nhi|dena band)|"
        r"दिखना बंद|दिखाई (?:नहीं|देना बंद))",
    ),
    BLEEDING: (
        rf"{_HI_BLOOD} {_HI_WORD}{{0,2}}{_HI_NOT} {_HI_WORD}?(?:ruk|band|thum|tham|रुक|बंद|थम)\S*",
        rf"{_HI_BLOOD} {_HI_WORD}?(?:ruk|band|रुक|बंद) {_HI_WORD}?{_HI_NOT}",
        rf"(?:bahut|bohot|bahot|zyada|jyada|बहुत|ज्यादा) {_HI_WORD}?{_HI_BLOOD} {_HI_WORD}{{0,2}}"
        r"(?:beh|bah|nikal|बह|निकल)\S*",
    ),
    COUGHING_BLOOD: (
        rf"(?:khaansi|khansi|khasi|khaasi|खांसी|खासी) {_HI_WORD}{{0,2}}(?:mein|me|ke saath|में|"
        rf"के साथ) {_HI_WORD}?{_HI_BLOOD}",
        rf"{_HI_BLOOD} (?:ki|की|वाली) (?:ulti|ultee|khansi|khaansi|उल्टी|खांसी)",
        rf"(?:ulti|ultee|उल्टी) {_HI_WORD}{{0,2}}(?:mein|me|में) {_HI_BLOOD}",
        rf"{_HI_BLOOD} {_HI_WORD}?(?:thook|thuk|थूक)\S*",
    ),
    CONFUSION: (
        rf"(?:pehchaan|pehchan|pahchan|पहचान) {_HI_WORD}?{_HI_NOT} {_HI_WORD}?(?:raha|rahi|"
        r"rahe|pa|paa|sak|रहा|रही|रहे|पा|सक)\S*",
        rf"(?:jaag|jag|जाग) {_HI_WORD}?{_HI_NOT} {_HI_WORD}?(?:raha|rahi|rahe|pa|रहा|रही|रहे|पा)\S*",
        r"(?:behki behki|bahki bahki|बहकी बहकी|ulti seedhi|उल्टी सीधी) (?:baatein|baaten|batein|"
        r"बातें)",
    ),
    CRISIS: (
        r"(?:marna|mar jana|mar jaana|marjana|मरना|मर जाना) (?:chahta|chahti|chahte|chahata|"
        r"chaahta|chaahti|hai|h|चाहता|चाहती|चाहते|है)(?!\w)",
        rf"(?:marne|mar jane|mar jaane|मरने|मर जाने) (?:ka|का|को) {_HI_WORD}?(?:man|mann|dil|jee|"
        r"ji|irada|मन|दिल|जी|इरादा)",
        r"(?:khudkushi|khudkhushi|aatmhatya|atmahatya|atmhatya|आत्महत्या|खुदकुशी)",
        r"suicide (?:kar|karna|karne|karunga|karungi|ka|ki|ke|के|का|की|कर)\S*",
        rf"(?:jeena|jina|jeene|jine|जीना|जीने) {_HI_WORD}{{0,2}}{_HI_NOT} {_HI_WORD}?(?:chahta|"
        r"chahti|chahte|chahata|चाहता|चाहती|चाहते)",
        rf"(?:jeene|jine|जीने) (?:ka|की|का) {_HI_WORD}?(?:man|mann|dil|ichha|icchha|मन|दिल|इच्छा) "
        rf"{_HI_WORD}?{_HI_NOT}",
        rf"(?:zinda|jinda|जिंदा) {_HI_WORD}?{_HI_NOT} {_HI_WORD}?(?:rehna|rahna|रहना)",
        rf"(?:zindagi|jindagi|jeevan|jivan|जिंदगी|जीवन) {_HI_WORD}?(?:khatam|khatm|samapt|खत्म|"
        rf"समाप्त) {_HI_WORD}?(?:kar|करना|कर)\S*",
        r"(?:apni|अपनी) (?:jaan|जान) (?:le|ले)\S*",
        rf"(?:khud|apne aap|apne ap|खुद|अपने आप) (?:ko|को) {_HI_WORD}?(?:maar|khatam|khatm|"
        r"nuksan|nuksaan|chot|मार|खत्म|नुकसान|चोट)\S*",
        rf"(?:phaansi|fansi|faansi|phansi|fanda|phanda|फांसी|फंदा) {_HI_WORD}{{0,2}}(?:laga|"
        r"lagaa|lagane|lagaunga|lagaungi|लगा|लगाने|लगाऊंगा|लगाऊंगी)\S*",
        rf"(?:chhat|chat|building|bridge|pul|terrace|balcony|khidki|छत|पुल|बिल्डिंग|खिडकी) "
        rf"(?:se|से) {_HI_WORD}?(?:kood|kud|chhalang|कूद|छलांग)\S*",
        rf"(?:train|gaadi|ट्रेन|गाडी) (?:ke aage|के आगे) {_HI_WORD}?(?:kood|kud|कूद)\S*",
        rf"(?:nas|nus|नस|नसें) {_HI_WORD}?(?:kaat|kat|काट)\S*",
        rf"(?:saari|sari|saare|bahut saari|bahut sari|dher saari|poori|puri|सारी|सारे|बहुत सारी|"
        rf"पूरी) {_HI_WORD}{{0,2}}{_HI_PILLS} {_HI_WORD}{{0,2}}(?:kha|khaa|le|li|lee|nigal|खा|"
        r"ले|निगल)\S*",
        r"(?:overdose|ओवरडोज) (?:le|li|kar|ho|ले|कर|हो)\S*",
    ),
    DESPAIR: (
        rf"(?:bardasht|bardaasht|sehen|sahan|बर्दाश्त|सहन) {_HI_WORD}{{0,2}}{_HI_NOT}",
        rf"(?:ab|aur|अब|और) {_HI_WORD}?(?:seh|sah|सह) {_HI_NOT}",
        r"(?:zindagi|jindagi|जिंदगी) (?:se|से) (?:thak|थक)\S*",
        rf"(?:ab|अब) (?:aur )?{_HI_NOT} (?:hota|hoga|होता|होगा)",
    ),
    MEANS: (
        rf"{_HI_PILLS} {_HI_WORD}{{0,3}}(?:jama|jamaa|ikattha|ikatthi|ikathi|chhupa|bacha|"
        r"जमा|इकट्ठा|इकट्ठी|छुपा|बचा)\S*",
        rf"(?:ek saath|ek sath|एक साथ) {_HI_WORD}{{0,2}}(?:kha|khaa|le|nigal|खा|ले|निगल)\S*",
        r"(?:aaj raat|aaj rat|आज रात)",
        r"(?:rassi|rassa|रस्सी|fanda|phanda|फंदा)",
    ),
    WORST_HEADACHE: (
        rf"(?:zindagi|jindagi|जिंदगी) (?:ka|का) (?:sabse|सबसे) {_HI_WORD}?(?:sir|sar|सिर|सर) ?"
        r"(?:dard|दर्द)",
        rf"(?:achanak|अचानक) {_HI_WORD}{{0,2}}(?:tez|bhayankar|bahut tez|तेज|भयंकर|बहुत तेज) "
        r"(?:sir|sar|सिर|सर) ?(?:dard|दर्द)",
    ),
}
_HINDI_RULES = _LanguageRules(
    concepts=_HINDI,
    negators=frozenset("nahi nahin nahee nhi bina mat नहीं नही न बिना मत".split()),
    clause_breaks=("lekin", "magar", "aur", "kintu", "लेकिन", "मगर", "और", "किंतु"),
    doubt=("pata nahi", "pta nahi", "malum nahi", "maloom nahi", "पता नहीं", "sure nahi"),
    window=3,
    fold_accents=False,  # Devanagari vowel signs are marks: folding would erase them
    denial_after=frozenset("nahi nahin nahee nhi nai नहीं नही".split()),
    after_window=3,
)

# =====================================================================================
# Urgent rows written in another language (the care team calls back the same day)
# =====================================================================================
# One table per language, read with that language's emergency rules (its denials and
# clause breaks); each row is named as the English finding (URGENT_ROWS). Spanish has its
# table above. The fever rows (_FEVER_PARTS) are weighed with any temperature reading:
# a fever named, or a reading of 38 C / 100.4 F or more, is urgent for a weak immune
# system; a low-grade one or a reading below that is not (see _fever_reported).
_FR_LIMB = r"(?:mollet|jambe|bras|cuisse)"
_URGENT_TABLES: Dict[str, Dict[str, Tuple[str, ...]]] = {
    "es": _SPANISH_URGENT,
    "fr": {
        HIGH_FEVER: (
            r"(?:forte|grosse) fievre",
            r"fievre (?:forte|elevee|tres haute|de cheval)",
            r"fievre (?:avec|et) (?:des |de gros )?frissons",
        ),
        FEVER_NAMED: (r"fievre\w*", r"fievreu\w*", r"febrile\w*"),
        TEMPERATURE_WORD: (r"temperature", r"thermometre"),
        LOW_GRADE: (
            r"(?:un peu|legerement|petite|legere|un brin) (?:de )?fievre",
            r"fievre (?:legere|basse|moderee)",
            r"febricule",
        ),
        "dark_urine": (
            rf"(?:urines?|pipi) {_FILLER}{{0,2}}(?:foncee?s?|marron|brune?s?|noire?s?|"
            r"couleur (?:de )?(?:coca|cola|the|cafe))\b",
            r"couleur (?:de )?(?:coca|cola)",
        ),
        "low_urine": (
            rf"(?:n |ne )?(?:urine|fait|fais) {_FILLER}?(?:presque )?(?:pas|plus|tres peu|peu)\b"
            r"(?: (?:pipi|d urine))?",
            r"(?:tres )?peu (?:de pipi|d urine)",
            r"pas (?:fait|de) pipi",
            r"(?:n |ne )?(?:arrive|peux|peut) (?:pas|plus) (?:a )?(?:uriner|faire pipi)",
        ),
        "blood_in_urine": (
            r"sang dans (?:les |l |le )?(?:urines?|pipi)",
            r"(?:urines?|pipi) (?:rouges?|avec du sang|sanglante?s?)",
        ),
        "clot_signs": (
            rf"{_FR_LIMB} {_FILLER}{{0,2}}(?:gonfle|enfle)\w* {_FILLER}{{0,3}}(?:chaud|rouge|"
            r"douloureu|dur|fait mal)\w*",
            rf"mollet {_FILLER}{{0,2}}(?:gonfle|enfle)\w*",
            r"une (?:seule )?(?:jambe|mollet) (?:gonfle|enfle)\w*",
            r"(?:caillot|phlebite|thrombose)\w*",
        ),
        SWOLLEN_LIMB: (rf"{_FR_LIMB} {_FILLER}{{0,2}}(?:gonfle|enfle)\w*",),
        WARM_OR_RED: (r"(?:chaude?|brulante?|rouge|dure?)\b",),
        "meningitis_signs": (
            rf"(?:nuque|cou) {_FILLER}{{0,2}}(?:raide|bloquee?)",
            r"raideur (?:de la |dans la |a la |du |au )?(?:nuque|cou)",
            rf"(?:peux|peut|arrive) (?:pas|plus) (?:a )?(?:baisser|pencher|plier) {_FILLER}?"
            r"(?:la tete|le cou)",
            rf"lumiere {_FILLER}{{0,3}}(?:fait mal|gene|insupportable)",
        ),
        "spreading_rash": (
            rf"(?:plaques|boutons|rougeurs|eruption|urticaire|taches) {_FILLER}{{0,3}}"
            r"(?:s etend\w*|se propage\w*|se repand\w*|partout|sur tout le corps|de plus en plus)",
            r"cloques",
        ),
    },
    "pt": {
        HIGH_FEVER: (
            r"febre (?:alta|muito alta|forte)",
            r"muita febre",
            r"febre (?:com|e) (?:calafrios|tremedeira|tremores)",
        ),
        FEVER_NAMED: (r"febre\w*", r"febril", r"ardendo em febre"),
        TEMPERATURE_WORD: (r"temperatura", r"termometro"),
        LOW_GRADE: (
            r"febre (?:baixa|baixinha|leve)",
            r"febrinha",
            r"febricula",
            r"(?:um pouco|pouquinho|um pouquinho) de febre",
        ),
        "dark_urine": (
            rf"(?:urina|xixi) {_FILLER}{{0,2}}(?:escur\w*|marrom|preta|preto|cor de (?:coca|"
            r"cafe|cha))\b",
            r"cor de coca",
        ),
        "low_urine": (
            rf"{_PT_NOT} {_FILLER}{{0,2}}(?:faz|fez|fiz|faco|fazendo|consigo fazer|consegue "
            rf"fazer) {_FILLER}?xixi",
            rf"{_PT_NOT} {_FILLER}?(?:urino|urina|urinou|consigo urinar|consegue urinar)\b",
            r"(?:pouco|pouquinho|muito pouco) xixi",
            r"pouca urina",
        ),
        "blood_in_urine": (
            r"sangue (?:na urina|no xixi)",
            r"(?:urina|xixi) (?:com sangue|vermelh\w*)",
        ),
        "clot_signs": (
            rf"(?:panturrilha|batata da perna|perna|braco|coxa) {_FILLER}{{0,2}}(?:inchad\w*|"
            rf"inchou) {_FILLER}{{0,3}}(?:quente|vermelh\w*|dor|doendo|doi|dura|duro)\b",
            rf"(?:panturrilha|batata da perna) {_FILLER}{{0,2}}(?:inchad|inchou)\w*",
            r"(?:coagulo|trombose)\b",
        ),
        SWOLLEN_LIMB: (
            rf"(?:panturrilha|batata da perna|perna|braco|coxa) {_FILLER}{{0,2}}(?:inchad\w*|inchou)",
        ),
        WARM_OR_RED: (r"(?:quente|vermelh\w*|dur[oa])\b",),
        "meningitis_signs": (
            rf"(?:pescoco|nuca) {_FILLER}?(?:dur[oa]|rigid[oa]|travad[oa])\b",
            r"rigidez (?:na nuca|no pescoco|da nuca|do pescoco)",
            rf"{_PT_NOT} {_FILLER}?(?:consigo|consegue) (?:abaixar|dobrar|mexer) "
            r"(?:o pescoco|a cabeca)",
            rf"(?:a )?luz {_FILLER}{{0,2}}(?:incomoda|doi|machuca)",
        ),
        "spreading_rash": (
            rf"(?:manchas|bolinhas|vermelhidao|erupcao|placas|urticaria|brotoeja|alergia) "
            rf"{_FILLER}{{0,3}}(?:espalhando|espalhou|se espalha|espalhad\w*|pelo corpo todo|"
            r"no corpo todo|por todo o corpo|aumentando)",
            r"bolhas",
        ),
    },
    "it": {
        HIGH_FEVER: (
            r"febbre (?:alta|altissima|forte)",
            r"(?:molta|tanta) febbre",
            r"febbre (?:con|e) (?:i )?brividi",
        ),
        FEVER_NAMED: (r"febbre\b", r"febbricitante", r"febbrile"),
        TEMPERATURE_WORD: (r"temperatura", r"termometro"),
        LOW_GRADE: (
            r"febbricola",
            r"(?:un po|un poco|poca|leggera|qualche linea) (?:di )?febbre",
            r"febbre (?:bassa|leggera)",
            r"linee di febbre",
        ),
        "dark_urine": (
            rf"(?:urina|urine|pipi) {_FILLER}{{0,2}}(?:scur\w*|marrone|nera|color (?:coca|cola|"
            r"te|marsala))\b",
            r"color coca",
        ),
        "low_urine": (
            rf"{_IT_NOT} {_FILLER}{{0,2}}(?:faccio|fa|fatto|riesco a fare|riesce a fare) "
            rf"{_FILLER}?pipi",
            rf"{_IT_NOT} {_FILLER}?(?:urino|urina|riesco a urinare|riesce a urinare)\b",
            r"(?:poca|pochissima) (?:pipi|urina)",
        ),
        "blood_in_urine": (
            r"sangue nell[ea]? (?:urine?|pipi)",
            r"(?:urina|urine|pipi) (?:rossa|con sangue)",
        ),
        "clot_signs": (
            rf"(?:polpaccio|gamba|braccio|coscia) {_FILLER}{{0,2}}gonfi\w* {_FILLER}{{0,3}}"
            r"(?:cald\w*|ross\w*|dolor\w*|fa male|dur\w*)",
            rf"polpaccio {_FILLER}{{0,2}}gonfi\w*",
            r"(?:coagulo|trombosi|flebite)\b",
        ),
        SWOLLEN_LIMB: (rf"(?:polpaccio|gamba|braccio|coscia) {_FILLER}{{0,2}}gonfi\w*",),
        WARM_OR_RED: (r"(?:cald[oa]|ross[oa]|dur[oa])\b",),
        "meningitis_signs": (
            rf"(?:collo|nuca) {_FILLER}?(?:rigid|dur|bloccat)\w*",
            r"rigidita (?:del collo|al collo|nucale)",
            rf"{_IT_NOT} {_FILLER}?(?:riesco|riesce) (?:a )?(?:piegare|abbassare|muovere) "
            r"(?:il collo|la testa)",
            rf"(?:la )?luce {_FILLER}{{0,2}}(?:da fastidio|fa male|infastidisce)",
        ),
        "spreading_rash": (
            rf"(?:macchie|puntini|eruzione|sfogo|chiazze|orticaria|bolle|pomfi) {_FILLER}{{0,3}}"
            r"(?:si (?:sta |stanno )?(?:espand|allarg|diffond)\w*|su tutto il corpo|dappertutto|"
            r"ovunque|in tutto il corpo|aument\w*)",
            r"vesciche",
        ),
    },
    "de": {
        HIGH_FEVER: (
            r"(?:hohes|hoch|starkes) fieber",
            r"fieber (?:und|mit) sch(?:u|ue)ttelfrost",
        ),
        FEVER_NAMED: (r"fieber(?:t|n)?\b", r"fiebrig"),
        TEMPERATURE_WORD: (r"temperatur", r"thermometer", r"gemessen"),
        LOW_GRADE: (
            r"(?:leichtes|leicht|etwas|bisschen|bissl|wenig|kleines) fieber",
            r"erh(?:o|oe)hte temperatur",
            r"subfebril",
            r"leicht erh(?:o|oe)ht",
        ),
        "dark_urine": (
            rf"(?:urin|harn|pipi) {_FILLER}{{0,2}}(?:dunkel|braun|schwarz|colafarb|wie cola)\w*",
            r"dunkle[rn]? (?:urin|harn)",
            r"cola ?farb\w*",
        ),
        "low_urine": (
            r"(?:kaum|wenig|sehr wenig|fast kein|kein) (?:urin|harn|pipi)",
            rf"{_DE_CAN} {_FILLER}{{0,2}}(?:nicht|kaum) (?:mehr |noch )?(?:pinkeln|urinieren|"
            r"wasser lassen|pieseln)",
            r"(?:pinkelt|pinkle|pinkel|uriniert|uriniere) (?:kaum|fast nicht|nicht mehr)",
            rf"nicht (?:mehr )?{_FILLER}?(?:gepinkelt|uriniert)",
        ),
        "blood_in_urine": (
            r"blut im (?:urin|harn|pipi)",
            r"(?:urin|harn) (?:ist )?(?:rot|blutig)",
        ),
        "clot_signs": (
            rf"(?:wade|bein|arm|oberschenkel) {_FILLER}{{0,2}}(?:geschwollen|dick|angeschwollen) "
            rf"{_FILLER}{{0,3}}(?:warm|hei(?:ss|ß)|rot|tut weh|schmerzt|hart)\b",
            r"geschwollene\w* (?:wade|bein|arm)",
            rf"wade\w* {_FILLER}{{0,2}}(?:geschwollen|dick)",
            r"(?:thrombose|blutgerinnsel|gerinnsel)\w*",
        ),
        SWOLLEN_LIMB: (
            rf"(?:wade|bein|arm|oberschenkel) {_FILLER}{{0,2}}(?:geschwollen|dick|angeschwollen)",
            r"geschwollene\w* (?:wade|bein|arm)",
        ),
        WARM_OR_RED: (r"(?:warm|hei(?:ss|ß)|rot|hart)\b",),
        "meningitis_signs": (
            rf"(?:nacken|genick|hals) {_FILLER}?(?:steif|starr)\w*",
            r"steife[rn]? (?:nacken|hals|genick)",
            r"nackensteif\w*",
            r"genickstarre",
            rf"(?:kann|konnte) {_FILLER}{{0,2}}(?:kopf|kinn) nicht {_FILLER}{{0,2}}(?:beugen|senken)",
            rf"licht {_FILLER}{{0,2}}(?:tut|tat) {_FILLER}{{0,3}}weh",
            r"lichtempfindlich\w*|lichtscheu",
        ),
        "spreading_rash": (
            rf"(?:ausschlag|flecken|quaddeln|pusteln|r(?:o|oe)tung|nesselsucht|pickel) "
            rf"{_FILLER}{{0,3}}(?:breitet sich aus|breiten sich aus|wird gr(?:o|oe)(?:ss|ß)er|"
            r"werden mehr|(?:u|ue)berall|am ganzen k(?:o|oe)rper|ganzen k(?:o|oe)rper|ausgebreitet)",
            r"bl(?:a|ae)schen",
        ),
    },
    "vi": {
        HIGH_FEVER: (r"sot (?:rat |qua )?cao", r"sot (?:va |kem )?(?:run|ret run|ret)"),
        # not "sốt ruột" (anxious), "sốt sắng", "sốt dẻo"; "chưa hết sốt" is still a fever
        FEVER_NAMED: (r"sot\b(?! (?:ruot|sang|deo))", r"(?:chua|khong) (?:ha|het|giam|bot|lui) sot"),
        TEMPERATURE_WORD: (r"nhiet do", r"than nhiet", r"cap nhiet"),
        LOW_GRADE: (r"sot nhe", r"hoi sot", r"sot (?:it|am i|lai rai)", r"ham hap sot"),
        "dark_urine": (
            rf"nuoc tieu {_FILLER}{{0,2}}(?:sam|dam|mau nau|nau|den|nhu coca|mau coca|"
            r"nhu nuoc tra|mau tra)\b",
        ),
        "low_urine": (
            r"tieu (?:rat |qua |hoi )?it\b",
            r"it (?:di )?tieu\b",
            r"(?:khong|chua) (?:di )?tieu (?:duoc|tu|ca|gi)\b",
            r"bi tieu\b",
        ),
        "blood_in_urine": (r"tieu ra mau", "nước tiểu có máu", "tiểu ra máu"),
        "clot_signs": (
            rf"(?:bap chan|bap chuoi|chan|tay|cang chan|dui) {_FILLER}{{0,2}}(?:bi )?sung "
            rf"{_FILLER}{{0,3}}(?:nong|do|dau|cang)\b",
            r"sung (?:mot|1) (?:ben )?(?:chan|tay|bap chan)",
            r"(?:cuc mau dong|huyet khoi|tac mach)",
        ),
        SWOLLEN_LIMB: (rf"(?:bap chan|bap chuoi|chan|tay|cang chan|dui) {_FILLER}{{0,2}}(?:bi )?sung",),
        WARM_OR_RED: (r"\bnong\b", "đỏ"),
        # written with accents only: without them "cung co" is also "cũng có" (also has)
        "meningitis_signs": ("cứng cổ", "cứng gáy", "cổ bị cứng", "gáy cứng", "sợ ánh sáng"),
        "spreading_rash": (
            r"(?:noi man|phat ban|man do|me day|noi me day|ban do|noi ban|di ung) "
            r"(?:\w+ ){0,3}(?:lan ra|lan rong|lan khap|lan nhanh|khap nguoi|toan than|ca nguoi|"
            r"khap co the)",
            r"(?:phong rop|mun nuoc)",
        ),
    },
    "tl": {
        HIGH_FEVER: (
            r"mataas na lagnat",
            r"lagnat (?:at|na may) (?:panginginig|nanginginig)",
            r"inaapoy (?:ng )?lagnat",
        ),
        FEVER_NAMED: (r"(?:lagnat|nilalagnat|nilagnat|nilalagnat)\b",),
        TEMPERATURE_WORD: (r"temperatura", r"\btemp\b", r"thermometer"),
        LOW_GRADE: (
            r"(?:sinat|sinisinat)",
            r"(?:medyo|konting|kaunting|konti|kaunti) (?:may )?lagnat",
            r"mababang lagnat",
        ),
        "dark_urine": (
            rf"ihi {_FILLER}{{0,3}}(?:kulay (?:tsaa|kape|coke|coca cola|cola|brown)|maitim|"
            r"madilim|brown)\b",
            r"kulay (?:tsaa|coke|kape) ang ihi",
        ),
        "low_urine": (
            r"(?:hindi|di) (?:ako |siya |na )?(?:makaihi|naiihi|umiihi|nakakaihi|nakaihi)",
            r"(?:konti|kaunti) (?:lang )?(?:ang )?(?:ihi|naiihi)",
            r"halos (?:hindi|di) (?:na )?(?:umiihi|naiihi)",
        ),
        "blood_in_urine": (r"dugo sa ihi", r"may dugo ang ihi", r"umiihi ng dugo"),
        "clot_signs": (
            rf"(?:binti|hita|braso|alak alakan|kalamnan) {_FILLER}{{0,2}}(?:namamaga|maga|namaga) "
            rf"{_FILLER}{{0,3}}(?:mainit|pula|namumula|masakit|matigas)",
            rf"(?:namamaga|maga|namaga) {_FILLER}{{0,2}}(?:isang )?(?:binti|alak alakan)\b",
            r"namuong dugo",
        ),
        SWOLLEN_LIMB: (
            rf"(?:binti|hita|braso|alak alakan) {_FILLER}{{0,2}}(?:namamaga|maga|namaga)",
            rf"(?:namamaga|maga|namaga) {_FILLER}{{0,2}}(?:binti|braso|hita)\b",
        ),
        WARM_OR_RED: (r"(?:mainit|namumula|pula|matigas)\b",),
        "meningitis_signs": (
            r"(?:naninigas|matigas|stiff) (?:ang )?leeg",
            rf"leeg {_FILLER}{{0,2}}(?:naninigas|matigas|stiff)",
            r"(?:hindi|di) (?:ko |niya )?(?:maiyuko|mayuko|maibaba|maigalaw) (?:ang )?(?:ulo|leeg)",
            r"(?:sumasakit|masakit) (?:ang )?mata sa liwanag",
        ),
        "spreading_rash": (
            rf"(?:pantal|rashes|rash|butlig|pamamantal) {_FILLER}{{0,3}}(?:kumakalat|kumalat|"
            r"lumalala|dumadami|sa buong katawan)",
            r"kumakalat (?:ang )?(?:pantal|rashes|rash)",
            r"paltos",
        ),
    },
    "ru": {
        HIGH_FEVER: (
            r"высок\w* температур\w*",
            rf"температур\w* {_FILLER}?(?:высок|под сорок|с ознобом)\w*",
            r"(?:жар|температура) (?:и|с) озноб\w*",
        ),
        FEVER_NAMED: (r"температур\w*", r"жар\b", r"лихорад\w*", r"температурит"),
        TEMPERATURE_WORD: (r"градусник\w*", r"термометр\w*"),
        # Russian "температура" is itself a fever; "нормальная температура" is not.
        LOW_GRADE: (
            r"(?:небольш|невысок|нормальн)\w* температур\w*",
            r"температур\w* (?:небольш|невысок|нормальн|в норме)\w*",
            r"субфебрил\w*",
            r"немного температур\w*",
        ),
        "dark_urine": (
            rf"моч\w* {_FILLER}{{0,2}}(?:темн|коричнев|черн|цвета колы|цвета чая|цвета пива)\w*",
            r"темн\w* моч\w*",
        ),
        "low_urine": (
            r"мало моч\w*",
            r"(?:почти )?не (?:могу |может )?(?:мочусь|мочится|писаю|писает|пописать|"
            r"помочиться|мочиться|писал\w*)",
        ),
        "blood_in_urine": (r"кровь в моче", r"моча с кровью", r"красн\w* моч\w*"),
        "clot_signs": (
            rf"(?:икр|голен|нога|ногу|ноге|рука|руку|руке)\w* {_FILLER}{{0,2}}(?:опух|отек|"
            rf"распух)\w* {_FILLER}{{0,3}}(?:горяч|красн|болит|бол|тверд)\w*",
            rf"(?:опух|отек|распух)\w* {_FILLER}{{0,2}}(?:икр|голен)\w*",
            rf"(?:икр|голен)\w* {_FILLER}?(?:опух|отек|распух)\w*",
            r"тромб\w*",
        ),
        SWOLLEN_LIMB: (
            rf"(?:икр|голен|нога|ногу|ноге|рука|руку|руке)\w* {_FILLER}{{0,2}}(?:опух|отек|распух)\w*",
            rf"(?:опух|отек|распух)\w* {_FILLER}{{0,2}}(?:икр|голен|нога|ногу|рука|руку)\w*",
        ),
        WARM_OR_RED: (r"(?:горяч|красн|тверд)\w*",),
        "meningitis_signs": (
            rf"(?:шея|шею|шеи|затылок) {_FILLER}{{0,2}}(?:не гнется|не сгибается|не "
            r"поворачивается|скован\w*|одеревен\w*)",
            r"ригидн\w*",
            r"не (?:могу|может) (?:наклонить|опустить|согнуть) (?:голову|шею)",
            rf"свет {_FILLER}{{0,2}}(?:режет|раздражает|бьет)",
            r"светобоязн\w*",
        ),
        "spreading_rash": (
            rf"(?:сып|пятн|крапивниц|высыпани)\w* {_FILLER}{{0,3}}(?:распростран\w*|по всему телу|"
            r"расползается|везде|все больше)",
            r"(?:волдыр|пузыр)\w* на коже",
        ),
    },
    "ar": {
        HIGH_FEVER: (
            r"حراره (?:عاليه|مرتفعه|شديده|عالي)",
            r"حمي (?:شديده|عاليه)",
            r"(?:رعشه|قشعريره) (?:مع|و) (?:ال)?(?:حمي|حراره|سخونه)",
        ),
        FEVER_NAMED: (
            r"حمي(?!\w)", r"سخونه", r"مسخن\w*", r"محموم\w*", r"ارتفاع (?:في )?(?:ال)?حراره",
            r"(?:عنده|عندي|عندها|عندو|فيه|فيها|معه|معها|معاه) (?:ال)?حراره",
            r"(?:جسمه|جسمي|جسمها) (?:سخن|ساخن)",
        ),
        TEMPERATURE_WORD: (r"حراره", r"ميزان (?:ال)?حراره"),
        LOW_GRADE: (
            r"(?:حمي|حراره|سخونه) (?:خفيفه|بسيطه)",
            r"(?:شويه|شوي|شوية|بعض ال) ?(?:حراره|سخونه)",
        ),
        "dark_urine": (
            rf"(?:ال)?بول {_FILLER}{{0,2}}(?:لونه )?(?:غامق|داكن|بني|اسود|زي الكولا|مثل الكولا|"
            r"لون الكولا|لون الشاي|زي الشاي)",
            r"لون (?:ال)?بول (?:غامق|داكن|بني)",
        ),
        "low_urine": (
            rf"(?:ما|لا|مش) {_FILLER}?(?:يبول|ابول|تبول|بيبول|بتبول|يتبول|اتبول|تتبول|يطلع بول|"
            r"يطلع (?:ال)?بول)",
            r"(?:ما|لا|مش) ?(?:اقدر|يقدر|تقدر|استطيع|قادر) (?:ابول|يبول|تبول|التبول|اتبول)",
            r"(?:قليل|قله) (?:في )?(?:ال)?بول",
            r"(?:ال)?بول قليل",
        ),
        "blood_in_urine": (r"دم (?:في|مع) (?:ال)?بول", r"(?:ال)?بول (?:فيه )?دم", r"بول احمر"),
        "clot_signs": (
            rf"(?:ساق|سمانه|رجل|رجلي|رجله|رجلها|ذراع|يد|ايد)\w* {_FILLER}{{0,2}}(?:منتفخ|متورم|"
            rf"وارم|ورم|منفوخ)\w* {_FILLER}{{0,3}}(?:حار|ساخن|سخن|احمر|حمرا|يوجع|مؤلم|الم)",
            r"(?:تورم|انتفاخ|ورم) (?:في )?(?:ال)?(?:ساق|سمانه|سمانة)",
            r"جلطه (?:في )?(?:ال)?(?:رجل|ساق|ذراع|يد)",
        ),
        SWOLLEN_LIMB: (
            rf"(?:ساق|سمانه|رجل|رجلي|رجله|رجلها|ذراع|يد|ايد)\w* {_FILLER}{{0,2}}(?:منتفخ|متورم|"
            r"وارم|ورم|منفوخ)\w*",
            r"(?:تورم|انتفاخ|ورم) (?:في )?(?:ال)?(?:ساق|سمانه|رجل|ذراع)",
        ),
        WARM_OR_RED: (r"(?:حار|ساخن|سخن|احمر|حمرا)\w*",),
        "meningitis_signs": (
            r"(?:تيبس|تصلب|شد) (?:في )?(?:ال)?رقب",
            r"رقبت(?:ي|ه|ها) (?:متيبسه|ناشفه|متصلبه|مشدوده)",
            r"(?:ما|لا) ?(?:اقدر|يقدر|تقدر|استطيع|يستطيع) (?:احني|يحني|تحني|انزل|ينزل) "
            r"(?:راس|رقب)",
            r"(?:الضوء|النور) (?:يضايق|يزعج|يوجع)",
            r"حساسيه (?:من |لل)(?:ال)?(?:ضوء|نور)",
        ),
        "spreading_rash": (
            rf"طفح {_FILLER}{{0,3}}(?:ينتشر|منتشر|انتشر|في كل (?:ال)?جسم|بكل (?:ال)?جسم|يزيد)",
            rf"(?:حبوب|بقع|حساسيه) {_FILLER}{{0,2}}(?:في كل|بكل|على كل) (?:ال)?جسم",
            r"(?:فقاعات|بثور)",
        ),
    },
    "zh": {
        HIGH_FEVER: ("高烧", "高燒", "发高烧", "發高燒", "烧得很厉害", "燒得很厲害",
                     r"(?:发烧|發燒)[^，。]{0,3}(?:寒战|寒戰|打寒颤|打寒顫|发抖|發抖)"),
        FEVER_NAMED: ("发烧", "發燒", "发热", "發熱", "烧到", "燒到", "体温高", "體溫高"),
        TEMPERATURE_WORD: ("体温", "體溫", "温度", "溫度"),
        LOW_GRADE: ("低烧", "低燒", "微烧", "微燒", "有点发烧", "有點發燒", "有点烧", "有點燒",
                    "轻微发烧", "輕微發燒", r"退烧(?!药|藥|贴|貼)", r"退燒(?!药|藥|贴|貼)"),
        "dark_urine": (
            rf"(?:尿|小便)(?:的)?(?:颜色|顏色|色){_ZH_BETWEEN}{{0,2}}深",
            r"深色(?:的)?(?:尿|小便)",
            rf"(?:尿|小便){_ZH_BETWEEN}{{0,2}}(?:像|是|跟)?(?:可乐|可樂|浓茶|濃茶|酱油|醬油|茶色|"
            r"褐色|棕色|黑色)",
            "可乐色", "可樂色", "酱油色", "醬油色",
        ),
        "low_urine": (
            "尿很少", "尿量少", "尿量很少", "尿量减少", "尿量減少", "小便很少", "排尿很少",
            r"几乎没(?:有)?(?:尿|小便)", r"幾乎沒(?:有)?(?:尿|小便)", "尿不出",
            r"(?:没|沒)(?:有|怎么|怎麼)?(?:小便|尿)(?!血|路|道|频|頻|痛)",
        ),
        "blood_in_urine": ("尿血", "血尿", "尿里有血", "尿裡有血", "尿中带血", "尿中帶血"),
        "clot_signs": (
            r"(?:小腿|腿|胳膊|手臂|胳臂)[^，。！？,.!?]{0,4}(?:肿|腫)[^，。！？,.!?]{0,6}"
            r"(?:红|紅|热|熱|烫|燙|痛|疼|硬)",
            rf"小腿{_ZH_BETWEEN}{{0,3}}(?:肿|腫)", r"(?:一条|一條|一边|一邊|单侧|單側)(?:腿|胳膊)(?:肿|腫)",
            "血栓",
        ),
        SWOLLEN_LIMB: (rf"(?:小腿|腿|胳膊|手臂|胳臂){_ZH_BETWEEN}{{0,3}}(?:肿|腫)",),
        WARM_OR_RED: (r"(?:发红|發紅|红|紅|发热|發熱|发烫|發燙|烫|燙|硬)",),
        "meningitis_signs": (
            rf"(?:脖子|颈部|頸部|颈|頸){_ZH_BETWEEN}{{0,3}}(?:僵|硬|发硬|發硬|转不动|轉不動|弯不下|"
            r"彎不下)",
            "颈项强直", "頸項強直", "低不了头", "低不了頭", "怕光", "畏光",
        ),
        "spreading_rash": (
            rf"(?:疹子|皮疹|红疹|紅疹|风团|風團|荨麻疹|蕁麻疹|红点|紅點){_ZH_BETWEEN}{{0,3}}"
            r"(?:扩散|擴散|蔓延|越来越多|越來越多|全身|到处|到處|变多|變多)",
            r"全身(?:都)?(?:起|出|长|長|是)?(?:了)?(?:疹子|红疹|紅疹|皮疹|风团|風團|荨麻疹|蕁麻疹|"
            r"红点|紅點)",
            "水泡", "水疱",
        ),
    },
    "ko": {
        HIGH_FEVER: ("고열", r"열이(?:너무|많이)?높", "열이펄펄", r"열(?:이|도)?나고오한"),
        FEVER_NAMED: (
            rf"열(?:이|도)?{_KO_BETWEEN}{{0,2}}(?:나|났|있|높|올라|오르|펄펄|안떨어|안내려)",
            "발열", r"열\d",
        ),
        TEMPERATURE_WORD: ("체온",),
        LOW_GRADE: ("미열", r"열이(?:조금|약간|살짝|좀)", "살짝열"),
        "dark_urine": (
            r"(?:소변|오줌)(?:색|색깔)?(?:이|가|은)?(?:너무|아주|진짜)?(?:진해|진하|짙|갈색|콜라|검|"
            r"까맣|까만|검붉)",
        ),
        "low_urine": (
            r"(?:소변|오줌)(?:이|을|도)?(?:거의|잘|전혀)?(?:안나|못보|못봐|안봐|적게|조금밖에|안마려)",
            "소변량이줄", "소변량이적",
        ),
        "blood_in_urine": ("혈뇨", "소변에피", "피오줌", "소변이빨개", "소변이빨갛"),
        "clot_signs": (
            r"종아리(?:가|이)?(?:많이|너무)?(?:붓|부었|부어|부은)",
            r"한쪽(?:다리|팔)(?:이|가|만)?(?:붓|부었|부어|부은)",
            r"(?:다리|팔)(?:가|이)?(?:붓고|부어서|부었고)(?:빨갛|뜨겁|열감|아프)",
            "혈전",
        ),
        SWOLLEN_LIMB: (r"(?:종아리|다리|팔|허벅지)(?:가|이|한쪽이)?(?:많이|너무)?(?:붓|부었|부어|부은)",),
        WARM_OR_RED: (r"(?:뜨겁|뜨거|빨갛|빨개|열감|딱딱)",),
        "meningitis_signs": (
            r"(?:목|뒷목|목덜미)(?:이|가)?(?:너무)?(?:뻣뻣|굳었|굳어)",
            r"목을(?:못숙|숙일수없|숙이기힘들)",
            r"빛(?:을|이|에)?(?:보면|보기가)?(?:눈이)?(?:너무)?(?:부셔|시려|아파|힘들)",
        ),
        "spreading_rash": (
            r"(?:발진|두드러기|반점|붉은점|빨간점)(?:이|가)?(?:온몸|전신|점점|계속)?(?:에|으로)?"
            r"(?:퍼지|퍼져|번지|번져|퍼졌|번졌|늘어)",
            r"(?:온몸|전신)(?:에|이)?(?:발진|두드러기|반점)", "물집",
        ),
    },
    "hi": {
        HIGH_FEVER: (
            r"(?:tez|bahut tez|bahut|bohot|तेज|बहुत तेज|बहुत) (?:bukhar|bukhaar|fever|बुखार)",
            rf"(?:bukhar|bukhaar|बुखार) {_HI_WORD}{{0,2}}(?:kapkapi|thand|ठंड|कंपकंपी)",
        ),
        FEVER_NAMED: (
            r"(?:bukhar|bukhaar|bukaar|bukhār|jwar|बुखार|ज्वर|फीवर)",
            rf"fever {_HI_WORD}?(?:hai|h|ho|aa|aaya|hua|है|हो|आ)(?!\w)",
            rf"(?:bukhar|bukhaar|बुखार) {_HI_WORD}?{_HI_NOT} {_HI_WORD}?(?:utar|ja|ruk|ghat|kam|"
            r"उतर|जा|रुक|घट|कम)\S*",
            rf"(?:bukhar|bukhaar|बुखार) {_HI_WORD}?(?:kam|utar|ghat|कम|उतर|घट)\S* {_HI_WORD}?{_HI_NOT}",
        ),
        TEMPERATURE_WORD: (r"(?:taapmaan|tapman|temperature|temp|तापमान|टेंपरेचर|टेम्परेचर)",),
        LOW_GRADE: (
            r"(?:halka|halki|thoda|thodi|thora|हल्का|हल्की|थोडा|थोडी) (?:sa |si |सा |सी )?"
            r"(?:bukhar|fever|temperature|बुखार)",
            r"(?:hararat|हरारत)",
        ),
        "dark_urine": (
            rf"(?:peshab|pishab|paishab|pesab|mutra|पेशाब|मूत्र|यूरिन) {_HI_WORD}{{0,3}}"
            r"(?:kaala|kala|kaali|gehra|gahra|gehre|bhura|bhure|brown|cola|chai|काला|काली|गहरा|"
            r"गहरे|भूरा|भूरे)",
            rf"urine {_HI_WORD}{{0,3}}(?:kaala|kala|kaali|gehra|gahra|gehre|bhura|bhure)",
        ),
        "low_urine": (
            rf"(?:peshab|pishab|paishab|pesab|urine|पेशाब|मूत्र) {_HI_WORD}{{0,2}}(?:{_HI_NOT}|"
            rf"bahut kam|kam|band|बहुत कम|कम|बंद) {_HI_WORD}{{0,2}}(?:aa|ho|utar|kar|आ|हो|उतर|कर)\S*",
        ),
        "blood_in_urine": (
            rf"(?:peshab|pishab|urine|पेशाब|मूत्र) (?:mein|me|में) {_HI_WORD}?(?:khoon|khun|blood|खून)",
        ),
        "clot_signs": (
            rf"(?:pindli|pindliyon|taang|tang|pair|paer|haath|baazu|bazu|पिंडली|टांग|पैर|हाथ|बाजू) "
            rf"{_HI_WORD}{{0,3}}(?:{_HI_SWELL}|phool\S*|फूल\S*) {_HI_WORD}{{0,4}}(?:garam|garm|laal|"
            r"lal|dard|sakht|गरम|गर्म|लाल|दर्द|सख्त)",
            rf"ek (?:hi )?(?:taang|pair|haath|baazu) {_HI_WORD}{{0,2}}{_HI_SWELL}",
            rf"एक (?:ही )?(?:टांग|पैर|हाथ|बाजू) {_HI_WORD}{{0,2}}{_HI_SWELL}",
            rf"(?:pindli|पिंडली) {_HI_WORD}?{_HI_SWELL}",
            r"(?:khoon ka thakka|खून का थक्का|thakka|थक्का)",
        ),
        SWOLLEN_LIMB: (
            rf"(?:pindli|taang|tang|pair|paer|haath|baazu|bazu|पिंडली|टांग|पैर|हाथ|बाजू) "
            rf"{_HI_WORD}{{0,3}}{_HI_SWELL}",
        ),
        WARM_OR_RED: (r"(?:garam|garm|laal|lal|sakht|गरम|गर्म|लाल|सख्त)",),
        "meningitis_signs": (
            rf"(?:gardan|gardaan|गर्दन|गरदन) {_HI_WORD}{{0,2}}(?:akad|akd|jakad|jakd|sakht|stiff|"
            r"अकड|जकड|सख्त)\S*",
            rf"(?:roshni|raushni|light|रोशनी) {_HI_WORD}{{0,3}}(?:aankh|ankh|आंख)\S* {_HI_WORD}?"
            r"(?:mein|me|में) (?:dard|chubh|दर्द|चुभ)",
        ),
        "spreading_rash": (
            rf"(?:daane|dane|chakatte|chakte|rashes|rash|laal nishan|lal nishan|dhabbe|pitti|दाने|"
            rf"चकत्ते|लाल निशान|पित्ती) {_HI_WORD}{{0,3}}(?:phail|fail|poore|pure|saare|sare|फैल|"
            r"पूरे|सारे)\S*",
            r"(?:poore|pure|saare|sare|पूरे|सारे) (?:sharir|shareer|badan|body|शरीर|बदन) "
            r"(?:par|pe|mein|me|पर|में) (?:daane|dane|chakatte|rashes|rash|laal|chhale|दाने|चकत्ते|"
            r"लाल|छाले)",
        ),
    },
    "ht": {
        HIGH_FEVER: (r"(?:gwo|fo) (?:lafyev|fyev)", rf"(?:lafyev|fyev) {_FILLER}?(?:ak|epi) frison"),
        FEVER_NAMED: (r"(?:lafyev|fyev|fev)\b", rf"ko {_HT_ME} cho\b"),
        TEMPERATURE_WORD: (r"tanperati", r"temperati", r"temomet"),
        LOW_GRADE: (r"(?:ti|yon ti) (?:lafyev|fyev|fev)",),
        "dark_urine": (rf"pipi {_HT_ME}? ?{_FILLER}?(?:nwa|fonse|mawon|tankou kola|koule te)\b",),
        "low_urine": (rf"{_HT_NOT} {_FILLER}?{_HT_CAN}pipi\b", r"pipi (?:anpil )?piti"),
        "blood_in_urine": (r"san nan pipi", r"pipi san\b"),
        "clot_signs": (
            rf"(?:molet|janm|bra|pye) {_FILLER}{{0,2}}(?:anfle|enfle|gonfle) {_FILLER}{{0,3}}"
            r"(?:cho|wouj|fe mal|di)\b",
            r"(?:kayo|tronboz)\w*",
        ),
        SWOLLEN_LIMB: (rf"(?:molet|janm|bra|pye) {_FILLER}{{0,2}}(?:anfle|enfle|gonfle)",),
        WARM_OR_RED: (r"(?:cho|wouj)\b",),
        "meningitis_signs": (rf"kou {_HT_ME} {_FILLER}?(?:red|di|bloke)\b", r"kou (?:red|di)\b"),
        "spreading_rash": (
            rf"(?:bouton|plak|gratel|ebouyi|lota) {_FILLER}{{0,3}}(?:gaye|ap gaye|tout ko|toupatou|"
            r"sou tout)\b",
        ),
    },
}

_EMERGENCY_RULES: Dict[str, _LanguageRules] = {
    "es": _SPANISH_RULES,
    "fr": _FRENCH_RULES,
    "vi": _VIETNAMESE_RULES,
    "tl": _TAGALOG_RULES,
    "ru": _RUSSIAN_RULES,
    "ar": _ARABIC_RULES,
    "zh": _CHINESE_RULES,
    "ko": _KOREAN_RULES,
    "pt": _PORTUGUESE_RULES,
    "it": _ITALIAN_RULES,
    "de": _GERMAN_RULES,
    "ht": _CREOLE_RULES,
    "hi": _HINDI_RULES,
}
_URGENT = "+urgent"  # "fr+urgent": a language's urgent table, read with its emergency rules
_URGENT_ORDER = URGENT_ROWS
_RULES: Dict[str, _LanguageRules] = {
    **_EMERGENCY_RULES,
    **{language + _URGENT: replace(_EMERGENCY_RULES[language], concepts=table)
       for language, table in _URGENT_TABLES.items()},
}

# --- Matching ---------------------------------------------------------------------------------

_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?¿¡\n()\[\]\"“”«»،؛؟。，！？；：、…]+")
# One spelling per letter: Arabic hamza and final forms; Devanagari without the nukta dot
# (ड़ and ड are typed alike) and with one nasal sign (साँस, सांस).
_LETTER_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                               "ؤ": "و", "ئ": "ي", "ـ": None, "\u093c": None,
                               "\u0901": "\u0902"})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # short vowels, written or not
_LONE_IS = re.compile(r"(?<!\w)(?:[éè]|e['’´`](?=\s|$))(?!\w)")


def _normalise(text: str, rules: _LanguageRules, keep_accents: bool) -> str:
    """Lower case, one spelling per letter, apostrophes and dashes as spaces."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    text = _ARABIC_MARKS.sub("", text).translate(_LETTER_FORMS)
    if rules.lone_is:
        text = _LONE_IS.sub("eh", text)
    if rules.fold_accents and not keep_accents:
        text = _fold(text)
    return re.sub(r"['’`´\-_/]+", " ", text)


def _clause_breaks(rules: _LanguageRules) -> Optional[Pattern[str]]:
    if not rules.clause_breaks:
        return None
    if rules.by_characters:
        return re.compile("|".join(map(re.escape, rules.clause_breaks)))
    return re.compile(r"\b(?:" + "|".join(rules.clause_breaks) + r")\b")


def _clauses(text: str, language: str) -> List[str]:
    """Split at punctuation and at the words that end a denial's reach ("pero")."""
    rules = _RULES[language]
    parts = _CLAUSE_PUNCTUATION.split(text)
    breaks = _CLAUSE_BREAKS[language]
    if breaks is not None:
        parts = [piece for part in parts for piece in breaks.split(part)]
    if rules.by_characters:
        return [re.sub(r"\s+", "", part) for part in parts if part.strip()]
    return [" ".join(part.split()) for part in parts if part.strip()]


@dataclass(frozen=True)
class _Phrase:
    pattern: Pattern[str]
    accented: bool  # written with accents: matched on text that keeps them
    negates: bool  # the phrase holds its own denial ("no puedo respirar", "不能呼吸")


def _without(text: str, words: Sequence[str]) -> str:
    for word in words:
        text = text.replace(word, " ")
    return text


_PHRASE_WORD = re.compile(r"[\w\u0900-\u097f]+")


def _compile(rules: _LanguageRules) -> Dict[str, Tuple[_Phrase, ...]]:
    compiled: Dict[str, Tuple[_Phrase, ...]] = {}
    for finding, phrases in rules.concepts.items():
        entries = []
        for phrase in phrases:
            accented = rules.fold_accents and _fold(phrase) != phrase.lower()
            body = unicodedata.normalize("NFC", phrase).translate(_LETTER_FORMS)
            if rules.word_start and not rules.by_characters:
                body = r"(?<!\w)(?:" + body + ")"
            if rules.by_characters:
                negates = any(word in _without(phrase, rules.not_denials)
                              for word in rules.negators)
            else:
                # Devanagari vowel signs are no \w: read whole words ("नहीं").
                negates = bool(rules.negators.intersection(re.findall(_PHRASE_WORD, phrase)))
            entries.append(_Phrase(re.compile(body), accented, negates))
        compiled[finding] = tuple(entries)
    return compiled


_COMPILED: Dict[str, Dict[str, Tuple[_Phrase, ...]]] = {
    language: _compile(rules) for language, rules in _RULES.items()
}
_CLAUSE_BREAKS: Dict[str, Optional[Pattern[str]]] = {
    language: _clause_breaks(rules) for language, rules in _RULES.items()
}


def _denied(clause: str, match: "re.Match[str]", phrase: _Phrase, rules: _LanguageRules) -> bool:
    """Whether a denial word stands just before the phrase, or inside it between its words
    ("грудь не болит"); Korean denies just after it."""
    if rules.negation_after:
        after = clause[match.end(): match.end() + 5]
        return any(word in after for word in rules.negation_after)
    if phrase.negates:
        return False  # "no puedo respirar": the denial is the finding
    if rules.by_characters:
        before = clause[max(0, match.start() - rules.window): match.end()]
        before = _without(before, rules.not_denials)
        return any(word in before for word in rules.negators)
    before_words = clause[: match.start()].split()[-rules.window:] if rules.window else []
    inside_words = match.group(0).split()
    after_words = clause[match.end():].split()[: rules.after_window]
    if not any(word in rules.negators for word in before_words + inside_words) and not any(
            word in rules.denial_after for word in after_words):
        return False
    before = " ".join(before_words)
    return not any(doubt in before for doubt in rules.doubt)


def _findings(language: str, text: str, order: Tuple[str, ...] = _ORDER) -> List[str]:
    """Every finding of `order` the text reports in `language`, in that order (emergencies
    by urgency); parts that count only together (_TOGETHER) add their finding."""
    language = (language or "").lower()
    rules = _RULES.get(language)
    if rules is None or not text:
        return []
    found = set()
    for keep_accents in (False, True) if rules.fold_accents else (False,):
        clauses = _clauses(_normalise(text, rules, keep_accents), language)
        for finding, phrases in _COMPILED[language].items():
            if finding in found:
                continue
            for phrase in phrases:
                if phrase.accented != keep_accents:
                    continue
                if any(
                    not _denied(clause, match, phrase, rules)
                    for clause in clauses
                    for match in phrase.pattern.finditer(clause)
                ):
                    found.add(finding)
                    break
    found.update(result for parts, result in _TOGETHER if parts <= found)
    return [finding for finding in order if finding in found]


# --- Temperatures and a baby's age ---------------------------------------------------------

# Arabic-Indic, Persian and Devanagari digits, and the Arabic decimal mark.
_LOCAL_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९٫", "0123456789" * 3 + ".")
# "38,5", "38.2", "101", "38度5" (Chinese for 38.5).
_READING = re.compile(r"(?<![\d.,])(\d{2,3})(?:[.,](\d{1,2})|度(\d)(?!\d))?(?!\d)")
_DEGREES = re.compile(r"\s*(?:°|º|℃|℉|度|도|grad|degr|градус|डिग्री|درج|do\b)")
_FAHRENHEIT = re.compile(r"\s*(?:°|º|degr\w*|grad\w*)?\s*(?:f\b|fahrenheit|℉)")
_CELSIUS = re.compile(r"\s*(?:°|º|degr\w*|grad\w*|градус\w*)?\s*(?:c\b|celsius|℃|цельс)")
# What else a number of 35 to 110 counts in a message: weight, age, time, doses, a pulse.
_NOT_A_TEMPERATURE = re.compile(
    r"\s*(?:%|/|:|x\b|kg|kilo|lb|libra|pound|g\b|gr\b|gram|mg|mcg|ml|cc\b|cm|mm|ano|anos|ans?\b|"
    r"jahr|ann[io]\b|tuoi|years?|yrs?|saal|sal\b|taon|semana|semaine|week|wk|woche|settiman|"
    r"tuan|linggo|hafte|mes\b|meses|mois|monat|mes[ei]\b|month|thang|buwan|mahin|dia|jour|"
    r"tag|giorn|day|ngay|araw|din\b|min|hora|heure|stund|ore\b|hour|hr|gio\b|oras|ghant|vez|"
    r"veces|fois|mal\b|volt|time|lan\b|beses|pastill|compri|tablet|pill|goli|gamot|bpm|lpm|"
    r"latid|pulsa|schlag|battit|mmhg|лет|год|кг|мг|мл|см|дн|нед|мес|час|мин|раз|уд|岁|歲|周|"
    r"週|天|个|個|次|分|小时|小時|斤|公斤|살|주|개월|일|시간|번|분|킬로|سن|عام|اسبوع|شهر|يوم|ساع|"
    r"دقيق|كيلو|साल|हफ्त|महीन|दिन|घंट|मिनट|किलो)"
)


def _temperature_readings(text: str, worded: bool) -> List[bool]:
    """Whether each body temperature the message gives reaches the fever threshold
    (clinical.readings). A bare number counts only beside a fever or temperature word
    (`worded`); a decimal or a unit ("38,2", "101 F", "39度") counts alone."""
    text = unicodedata.normalize("NFC", text).translate(_LOCAL_DIGITS)
    readings = []
    for match in _READING.finditer(text):
        whole, decimal, cjk_decimal = match.groups()
        after = _fold(text[match.end(): match.end() + 16])
        if _NOT_A_TEMPERATURE.match(after):
            continue
        unit = "f" if _FAHRENHEIT.match(after) else "c" if _CELSIUS.match(after) else None
        if not (worded or decimal or cjk_decimal or unit or _DEGREES.match(after)):
            continue
        high = temperature_is_high(float(f"{whole}.{decimal or cjk_decimal or 0}"), unit)
        if high is not None:
            readings.append(high)
    return readings


_FEVER_HIGH = "high"
_FEVER_LOW_GRADE = "low-grade"


def _fever_reported(parts: Set[str], text: str) -> Optional[str]:
    """The fever a message reports, from the fever parts its language's table found:
    "high" (said to be high, named, or a reading of 38 C / 100.4 F or more), "low-grade"
    (said to be mild, with no reading), or None (none, denied, or every reading below)."""
    readings = _temperature_readings(text, worded=bool(parts & set(_FEVER_PARTS)))
    if HIGH_FEVER in parts or any(readings):
        return _FEVER_HIGH
    if readings:
        return None  # "tengo fiebre de 37.2": the reading decides
    if LOW_GRADE in parts:
        return _FEVER_LOW_GRADE
    return _FEVER_HIGH if FEVER_NAMED in parts else None


@dataclass(frozen=True)
class _InfantAges:
    """How a parent gives a baby's age in one language ("mi bebé de 6 semanas", "宝宝两个月").

    Each pattern has a number (group n; absent means one, group dual means two, as in
    Arabic "شهرين") and a unit (group u), written <N> and <U>; a child word next to the age
    keeps "fiebre de 2 días" (a fever for 2 days) from reading as a baby's age.
    """

    patterns: Tuple[str, ...]
    units: Tuple[Tuple[str, str], ...]  # (unit words, "d"ays | "w"eeks | "m"onths)
    numbers: Dict[str, float]
    newborn: str  # a newborn: any fever counts

    def compiled(self) -> Tuple[Tuple[Pattern[str], ...], Pattern[str]]:
        words = sorted(self.numbers, key=len, reverse=True)
        number = r"(?P<n>\d{1,2}|" + "|".join(map(re.escape, words)) + ")"
        unit = "(?P<u>" + "|".join(regex for regex, _ in self.units) + ")"
        return (tuple(re.compile(p.replace("<N>", number).replace("<U>", unit))
                      for p in self.patterns), re.compile(self.newborn))

    def months(self, match: "re.Match[str]") -> float:
        groups = match.groupdict()
        count = (2.0 if groups.get("dual") else 1.0) if not groups.get("n") else (
            float(groups["n"]) if groups["n"].isdigit() else self.numbers[groups["n"]])
        kind = next(k for regex, k in self.units if re.fullmatch(regex, groups["u"]))
        return count * {"d": 1 / 30, "w": 7 / 30, "m": 1.0}[kind]


def _ages(babies: str, joiners: str, not_after: str, life: str, units: Tuple[Tuple[str, str], ...],
          numbers: str, newborn: str) -> _InfantAges:
    """The usual shape in languages that put the age after the child ("bébé de 6 semaines")
    or say "N weeks of life"; `numbers` is "word=value ..."."""
    return _InfantAges(
        patterns=(
            rf"\b(?:{babies}) (?:(?:{joiners}) )?(?:(?:apenas|solo|solamente|casi|seulement|juste|"
            rf"so|quase|appena|erst|only) )?<N> <U>\b(?! (?:{not_after}))",
            rf"\b<N> <U> (?:{life})\b",
        ),
        units=units,
        numbers={w.split("=")[0].replace("_", " "): float(w.split("=")[1]) for w in numbers.split()},
        newborn=newborn,
    )


_INFANT_AGES: Dict[str, _InfantAges] = {
    "es": _ages(
        r"bebe|bebita|bebito|bebecito|bebecita|nene|nena|nino|nina|ninito|ninita|hijo|hija|"
        r"hijito|hijita|nieto|nieta|nietecito|nietecita|criatura|chiquito|chiquita|"
        r"recien nacid[oa]",
        r"de|tiene|que tiene|ya tiene|con|cumple|cumplio|tiene apenas|tiene solo",
        r"con|de fiebre|sin|que|enferm\w*|vomitando|tosiendo|malit\w*",
        r"de nacid[oa]|de vida|de edad",
        ((r"dias?", "d"), (r"semanas?", "w"), (r"mes(?:es)?", "m")),
        "un=1 una=1 uno=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 diez=10 "
        "once=11 doce=12 quince=15 veinte=20",
        r"\brecien nacid[oa]s?\b",
    ),
    "fr": _ages(
        r"bebe|nourrisson|fils|fille|enfant|petit|petite|garcon|poupon|nouveau ne|nouveau nee",
        r"de|a|qui a|age de|agee de|ne il y a|nee il y a",
        r"de fievre|qu|que|depuis",
        r"de vie",
        ((r"jours?", "d"), (r"semaines?", "w"), (r"mois", "m")),
        "un=1 une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 "
        "douze=12 quinze=15 vingt=20",
        r"\bnouveaux? nee?s?\b",
    ),
    "pt": _ages(
        r"bebe|nenem|nene|nenezinho|nenezinha|filho|filha|filhinho|filhinha|crianca|neto|neta|"
        r"netinho|netinha|recem nascid[oa]",
        r"de|com|tem|que tem|ja tem|tem so|tem apenas|de apenas|de so",
        r"de febre|com febre|que|sem|doente",
        r"de vida",
        ((r"dias?", "d"), (r"semanas?", "w"), (r"mes(?:es)?", "m")),
        "um=1 uma=1 dois=2 duas=2 tres=3 quatro=4 cinco=5 seis=6 sete=7 oito=8 nove=9 dez=10 "
        "onze=11 doze=12 quinze=15 vinte=20",
        r"\brecem nascid[oa]s?\b",
    ),
    "it": _ages(
        r"bambino|bambina|bimbo|bimba|neonato|neonata|figlio|figlia|figlioletto|figlioletta|"
        r"piccolo|piccola|piccolino|piccolina|nipotino|nipotina|bebe",
        r"di|ha|che ha|ha solo|di appena|ha appena|di solo",
        r"di febbre|con la febbre|che",
        r"di vita",
        ((r"giorn[oi]", "d"), (r"settiman[ae]", "w"), (r"mes[ei]", "m")),
        "uno=1 una=1 un=1 due=2 tre=3 quattro=4 cinque=5 sei=6 sette=7 otto=8 nove=9 dieci=10 "
        "undici=11 dodici=12 quindici=15 venti=20",
        r"\bneonat[oai]\b",
    ),
    "de": _ages(
        r"baby|saugling|sohn|tochter|kind|kleine|kleiner|enkel|enkelin",
        r"ist|von|mit|ist erst|ist gerade|ist jetzt",
        r"fieber|lang|seit",
        r"alt\w*",
        ((r"tage?n?", "d"), (r"wochen?", "w"), (r"monate?n?", "m")),
        "ein=1 eine=1 einen=1 zwei=2 drei=3 vier=4 funf=5 fuenf=5 sechs=6 sieben=7 acht=8 "
        "neun=9 zehn=10 elf=11 zwolf=12 zwoelf=12",
        r"\bneugeboren\w*",
    ),
    "vi": _InfantAges(
        patterns=(
            r"\b(?:be|em be|con|chau|be con|be trai|be gai|con trai|con gai) (?:toi |minh |em |"
            r"nha toi |nha minh )?(?:moi |duoc |chi |moi duoc |vua )?<N> <U>\b(?: tuoi)?"
            r"(?! (?:nay|roi|qua|lien|truoc|nua))",
            r"\b<N> <U> tuoi\b",
        ),
        units=((r"ngay", "d"), (r"tuan", "w"), (r"thang", "m")),
        numbers={"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
                 "chin": 9, "muoi": 10},
        newborn=r"\bso sinh\b",
    ),
    "tl": _InfantAges(
        patterns=(
            r"\b(?:baby|beybi|sanggol|anak|bunso|apo) (?:ko |namin |niya |mo |natin )?(?:ay |na )?"
            r"<N>(?: na|ng)? <U>(?:ng)?\b(?! (?:na may|na nilalagnat|nang))",
            r"\b<N>(?: na|ng)? <U>(?:ng)? (?:gulang|pa lang|pa lamang|palang)\b",
        ),
        units=((r"araw", "d"), (r"linggo", "w"), (r"buwan", "m")),
        numbers={"isang": 1, "isa": 1, "dalawang": 2, "dalawa": 2, "tatlong": 3, "tatlo": 3,
                 "apat": 4, "limang": 5, "lima": 5, "anim": 6, "pitong": 7, "pito": 7,
                 "walong": 8, "walo": 8, "siyam": 9, "sampung": 10, "sampu": 10},
        newborn=r"\bbagong (?:panganak|silang)\b",
    ),
    "ru": _InfantAges(
        patterns=(
            r"(?<!\w)(?:ребенку|малышу|младенцу|сыну|сыночку|дочке|дочери|доченьке|внуку|внучке|"
            r"грудничку|малышке) (?:всего |только |уже |исполнилось )?<N> <U>",
            r"(?<!\w)<N> ?(?P<u>месячн|недельн|дневн)\w*",
        ),
        units=((r"дн\w*|день|дневн", "d"), (r"недел\w*|недельн", "w"),
               (r"месяц\w*|месячн", "m")),
        numbers={"один": 1, "одна": 1, "одну": 1, "одно": 1, "два": 2, "две": 2, "двух": 2,
                 "три": 3, "трех": 3, "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5,
                 "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8,
                 "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "полтора": 1.5,
                 "полторы": 1.5, "полутора": 1.5},
        newborn=r"новорожденн\w*",
    ),
    "zh": _InfantAges(
        patterns=(
            r"(?:宝宝|寶寶|婴儿|嬰兒|孩子|小孩|儿子|兒子|女儿|女兒|娃|小宝|小寶|宝贝|寶貝)(?:才|只有|刚|剛|"
            r"刚满|剛滿|满|滿|出生)?<N><U>(?:大)?(?!(?:了)?(?:没|沒|都|一直|还|還|不|多))",
            r"<N><U>(?:大)?的(?:宝宝|寶寶|婴儿|嬰兒|孩子|小孩|儿子|兒子|女儿|女兒|娃)",
            r"<N><U>大",
        ),
        units=((r"天", "d"), (r"(?:个|個)?(?:星期|礼拜|禮拜)|周|週", "w"), (r"(?:个|個)?月", "m")),
        numbers={"一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                 "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12, "半": 0.5},
        newborn=r"新生儿|新生兒|刚出生|剛出生|出生不久",
    ),
    "ko": _InfantAges(
        patterns=(
            r"생후<N><U>",
            r"<N><U>(?:된|짜리|밖에안된|정도된|반된)(?:우리)?(?:아기|애기|아가|아이|아들|딸)",
            r"(?:아기|애기|아가|아이|아들|딸)(?:가|는|이|는지금|가지금)?(?:이제|지금|겨우|딱)?<N><U>"
            r"(?:이에요|예요|이야|입니다|됐|되었|인데|차|이라)",
        ),
        units=((r"일", "d"), (r"주", "w"), (r"개월|달", "m")),
        numbers={"한": 1, "두": 2, "세": 3},
        newborn=r"신생아",
    ),
    "ar": _InfantAges(
        patterns=(r"(?:عمره|عمرها|عمر|بعمر|عمري|عمرو) (?:<N> )?<U>(?P<dual>ين|ان)?(?!\w)",),
        units=((r"يوم|ايام", "d"), (r"اسبوع|اسابيع", "w"), (r"شهر|اشهر|شهور", "m")),
        numbers={"واحد": 1, "اثنين": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5,
                 "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثمانيه": 8,
                 "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10},
        newborn=r"حديثه? (?:ال)?ولاده|مولوده? جديده?",
    ),
    "hi": _InfantAges(
        patterns=(
            r"(?<!\S)<N> <U> (?:ka|ki|ke|का|की|के) (?:\S+ )?(?:baccha|bachcha|bacha|bachha|bachche|"
            r"bacche|bachi|bachchi|baby|beta|beti|ladka|ladki|shishu|munna|munni|बच्चा|बच्ची|बच्चे|"
            r"बेटा|बेटी|शिशु|बेबी|लडका|लडकी)",
            r"(?:baccha|bachcha|bacha|bachha|bachi|bachchi|baby|beta|beti|munna|munni|shishu|"
            r"बच्चा|बच्ची|बेटा|बेटी|शिशु|बेबी) (?:\S+ ){0,2}<N> <U> (?:ka|ki|ke|का|की|के)"
            r"(?! (?:bukhar|बुखार|se|से))",
        ),
        units=((r"din|dino|dinon|दिन", "d"),
               (r"hafte|hafta|hafton|haftey|saptah|weeks?|हफ्ते|हफ्ता|सप्ताह", "w"),
               (r"mahine|mahina|mahino|mahinon|maheene|months?|महीने|महीना", "m")),
        numbers={"ek": 1, "do": 2, "teen": 3, "char": 4, "chaar": 4, "paanch": 5, "panch": 5,
                 "chhe": 6, "chah": 6, "saat": 7, "aath": 8, "nau": 9, "das": 10, "dedh": 1.5,
                 "dhai": 2.5, "एक": 1, "दो": 2, "तीन": 3, "चार": 4, "पांच": 5, "छह": 6, "छः": 6,
                 "सात": 7, "आठ": 8, "नौ": 9, "दस": 10, "डेढ": 1.5, "ढाई": 2.5},
        newborn=r"navjaat|नवजात|abhi abhi paida|अभी अभी पैदा",
    ),
}
_INFANT_PATTERNS = {language: ages.compiled() for language, ages in _INFANT_AGES.items()}


def _is_young_infant(language: str, text: str) -> bool:
    """A baby younger than INFANT_FEVER_MONTHS named in the patient's language."""
    ages = _INFANT_AGES.get(language)
    if ages is None:
        return False
    rules = _RULES[language]
    flat = _CLAUSE_PUNCTUATION.sub(" ", _normalise(text, rules, keep_accents=False))
    flat = " ".join(flat.translate(_LOCAL_DIGITS).split())
    if rules.by_characters:
        flat = flat.replace(" ", "")
    patterns, newborn = _INFANT_PATTERNS[language]
    if newborn.search(flat):
        return True
    return any(ages.months(match) < INFANT_FEVER_MONTHS
               for pattern in patterns for match in pattern.finditer(flat))


# --- What a message reports ------------------------------------------------------------------


def spanish_emergency(text: str) -> Optional[str]:
    """The emergency finding a Spanish message reports ("no puedo respirar"), else None."""
    return emergency_in("es", text)


def emergency_in(language: str, text: str) -> Optional[str]:
    """The emergency finding a message in `language` reports, else None.

    Spanish is covered in full; zh, vi, tl, fr, ko, ar, ru, pt, de, it, ht and hi have the
    main emergencies and a crisis (a plan, or "I can't take it any more" with the means at
    hand), and any other language always gives None. In the languages with urgent tables,
    two facts told apart also make an emergency: a fever in a baby younger than 3 months
    ("mon bébé de 6 semaines a 38,2"), and a fever with a stiff neck ("tiene fiebre y el
    cuello muy rígido": possible bacterial meningitis, CLINICAL.md).
    """
    language = (language or "").lower()
    findings = _findings(language, text)
    if findings:
        return findings[0]
    table = language + _URGENT
    if table not in _RULES:
        return None
    parts = set(_findings(table, text, ("meningitis_signs",) + _FEVER_PARTS))
    fever = _fever_reported(parts, text)
    if fever is None:
        return None
    if _is_young_infant(language, text):
        return INFANT_FEVER
    return MENINGITIS if "meningitis_signs" in parts else None


def urgent_in(language: str, text: str) -> Optional[str]:
    """The urgent row (URGENT_ROWS) a message in `language` reports, else None.

    Read after emergency_in found nothing. Languages with an urgent table (_URGENT_TABLES)
    give fever (named, or a reading of 38 C / 100.4 F or more; not a low-grade one or a
    lower reading), dark or little urine, blood in the urine, a swollen warm calf or arm, a
    stiff neck, a spreading rash (Spanish more rows); any other language gives None.
    """
    table = (language or "").lower() + _URGENT
    if table not in _RULES:
        return None
    parts = set(_findings(table, text, _URGENT_ORDER + _FEVER_PARTS))
    if _fever_reported(parts, text) == _FEVER_HIGH:
        return HIGH_FEVER
    rows = [row for row in _URGENT_ORDER if row in parts and row != HIGH_FEVER]
    return rows[0] if rows else None
