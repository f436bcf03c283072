"""Messages not in English: which language, the emergencies they report, what to reply.

CLINICAL.md ("Other languages"): a patient must never be left without the emergency advice
because of language. The assistant understands English; this module recognises when a
message is clearly in another language, spots the emergencies of the triage table, the
general emergencies and a mental-health crisis in Spanish (fully) and in Chinese,
Vietnamese, Tagalog, French, Korean, Arabic and Russian (a smaller list). The replies in
those languages are patient-facing text, so they live in data/content/ with the rest.
Pure Python, no Rasa imports.

Language detection uses lingua-language-detector (its n-gram models ship inside the wheel,
nothing is downloaded): on short patient messages it was far better than py3langid, which
was confidently wrong on short English ("heart pounding" -> French 0.998) and whose current
releases need numpy 2, which Rasa 3.6 cannot use. Only English, Spanish, French, Vietnamese
and Tagalog are loaded (about 135 MB once per process); other writing systems are told
apart by their script, and a message must carry Spanish, French, Vietnamese or Tagalog
words or letters before it is called non-English, so short English is never misread.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Pattern, Sequence, Tuple

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
        urgence appeler etouffe levres langue visage evanoui
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
}

# Letters that point at one language. Vietnamese-only letters count double: no other
# language the assistant meets uses them.
_LANGUAGE_LETTERS: Dict[str, FrozenSet[str]] = {
    "es": frozenset("ñáíóúü¿¡é"),
    "fr": frozenset("àâçèéêëîïôùûÿœæ"),
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
_MAX_CHARS = 600  # enough to tell; keeps the model's time bounded
# Languages whose emergency phrases share no words with English (checked by the tests on
# the English messages); French is left out ("convulsion", "suicide" are English too).
_EMERGENCY_EVIDENCE_LANGUAGES = ("es", "vi", "tl")


@dataclass(frozen=True)
class _Guess:
    language: str
    confidence: float


_LINGUA_LANGUAGES = ("ENGLISH", "SPANISH", "FRENCH", "VIETNAMESE", "TAGALOG")
_detector_lock = threading.Lock()
_detector_instance = None


def _detector():
    """The lingua detector, built once per process (about 0.5 s, 135 MB)."""
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
    return count


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
    """Spanish, French, Vietnamese or Tagalog when the text clearly is; else None."""
    raw_words = _WORD.findall(text)
    words = [_fold(word).replace("’", "'") for word in raw_words]
    if not words:
        return None
    english = sum(1 for word in words if word in _ENGLISH_WORDS)
    if english >= _ENGLISH_SHARE * len(words):
        return None
    names = _name_positions(raw_words)
    evidence_words = [word for i, word in enumerate(words) if i not in names]
    guesses = _model_guesses(text)
    english_confidence = next((g.confidence for g in guesses if g.language == "en"), 0.0)
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
            return guess.language
    # An emergency phrase is evidence enough where the model hesitates on a short message
    # ("me desmayé", "kho tho"): those phrases are no English, and missing one would leave
    # the patient without the emergency advice.
    for language in _EMERGENCY_EVIDENCE_LANGUAGES:
        if emergency_in(language, text):
            return language
    return None


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

_ORDER = (
    BREATHING, THROAT, LIPS, BLUE_LIPS, CHEST_PAIN, FAINTING, SEIZURE, STROKE, BLEEDING,
    COUGHING_BLOOD, CONFUSION, MENINGITIS, WORST_HEADACHE, POISONING, SEVERE_VOMITING, CRISIS,
)

_FILLER = r"(?:\w+ )"  # one word between the parts of a phrase ("dolor MUY fuerte en el")


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
        rf"(?:quiero|kiero|quisiera|quiere|queria|deseo|desea|ganas de|pienso en|pensando en|"
        rf"piensa en) {_FILLER}?(?:morir|morirme|morirse|matarme|matarse|suicidarme|"
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
        rf"(?:se )?(?:tomo|trago|comio|bebio|tomaron|tragaron) {_FILLER}{{0,3}}(?:pastillas|"
        r"pildoras|medicinas?|medicamentos?|cloro|veneno|lejia|blanqueador|detergente|"
        r"insecticida|raticida|gasolina|anticongelante)",
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
    "high_fever": (
        r"(?:fiebre|calentura|temperatura) (?:muy )?alta",
        r"(?:mucha|muchisima|bastante) (?:fiebre|calentura)",
        r"(?:fiebre|calentura) (?:con|y) (?:escalofrios|temblores|tiritona)",
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
        r"\bpus\b",
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
_SPANISH_URGENT_RULES = _LanguageRules(
    concepts=_SPANISH_URGENT,
    negators=_SPANISH_RULES.negators,
    clause_breaks=_SPANISH_RULES.clause_breaks,
    doubt=_SPANISH_RULES.doubt,
)
_URGENT_ORDER = tuple(_SPANISH_URGENT)

# --- French -----------------------------------------------------------------------------
# French speakers in the US (Haitian, West African and Canadian families). Apostrophes
# become spaces ("j'étouffe" -> "j etouffe"); "ne ... pas" in a phrase is the finding.
_FRENCH: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        r"pa ka respire",  # Haitian Creole, read as French by the detector
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
    ),
}
_RUSSIAN_RULES = _LanguageRules(
    concepts=_RUSSIAN,
    negators=frozenset("не нет без ни никогда".split()),
    clause_breaks=("но", "а", "и"),
    doubt=("не знаю",),
    fold_accents=False,  # й is a letter of its own, not и with an accent
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
_CHINESE: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        "呼吸困难", "呼吸困難", "喘不过气", "喘不過氣", "喘不上气", "喘不上氣", "不能呼吸",
        "无法呼吸", "無法呼吸", "没法呼吸", "沒法呼吸", "没办法呼吸", "沒辦法呼吸", "透不过气",
        "透不過氣", "上不来气", "上不來氣", "吸不到气", "吸不到氣", "气短", "氣短", "气促",
        "氣促", "呼吸急促", "窒息", "憋气", "憋氣", "喘不动",
    ),
    CHEST_PAIN: (
        "胸痛", "胸口痛", "胸口疼", "胸部疼痛", "胸部痛", "胸闷", "胸悶", "心口痛", "心口疼",
        "胸口压", "胸口壓", "胸口很闷", "胸口很悶", "心绞痛", "心絞痛", "心脏病发作",
        "心臟病發作", "心梗",
    ),
    THROAT: (
        "喉咙肿", "喉嚨腫", "喉咙发紧", "喉嚨發緊", "喉咙紧", "喉嚨緊", "嗓子肿", "嗓子腫",
        "喉头水肿", "喉頭水腫", "吞咽困难", "吞嚥困難", "咽不下",
    ),
    LIPS: ("嘴唇肿", "嘴唇腫", "舌头肿", "舌頭腫", "嘴肿", "嘴腫", "唇肿", "唇腫", "脸肿", "臉腫"),
    BLUE_LIPS: ("嘴唇发紫", "嘴唇發紫", "嘴唇发青", "嘴唇發青", "嘴唇变蓝", "嘴唇變藍"),
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
    ),
}
_CHINESE_RULES = _LanguageRules(
    concepts=_CHINESE,
    negators=frozenset("没 沒 无 無 不 未 非 别 別".split()),
    clause_breaks=("但是", "但", "可是"),  # not 不过: it is inside 喘不过气
    window=3,
    by_characters=True,
    fold_accents=False,
)

# --- Korean -------------------------------------------------------------------------------------
# Spaces removed (Koreans space these phrases differently). Korean denies after the verb
# ("아프지 않아요", "통증은 없어요"), so the characters after a phrase are checked.
_KOREAN: Dict[str, Tuple[str, ...]] = {
    BREATHING: (
        "숨을못쉬", "숨못쉬", "숨을쉴수가없", "숨을쉴수없", "숨쉴수없", "숨쉴수가없", "숨이차",
        "숨쉬기힘들", "숨쉬기가힘들", "숨쉬기어렵", "숨쉬기가어렵", "호흡곤란", "숨이막혀",
        "숨막혀", "숨이안쉬어", "숨이안쉬",
    ),
    CHEST_PAIN: (
        "가슴이아파", "가슴이아프", "가슴통증", "가슴이답답", "가슴이조여", "가슴이조이", "흉통",
        "가슴에통증", "가슴을누르", "심장마비",
    ),
    THROAT: ("목이부어", "목이붓", "목이부었", "목이조여", "목구멍이부", "목이막혀", "삼키기힘들",
             "삼킬수가없", "삼킬수없"),
    LIPS: ("입술이부어", "입술이붓", "입술이부었", "혀가부어", "혀가붓", "혀가부었", "입술부종",
           "혀부종", "얼굴이부어", "얼굴이부었"),
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
    CRISIS: ("자살", "죽고싶", "살고싶지않", "목숨을끊", "약을많이먹었", "자해", "과다복용"),
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

_RULES: Dict[str, _LanguageRules] = {
    "es": _SPANISH_RULES,
    "fr": _FRENCH_RULES,
    "vi": _VIETNAMESE_RULES,
    "tl": _TAGALOG_RULES,
    "ru": _RUSSIAN_RULES,
    "ar": _ARABIC_RULES,
    "zh": _CHINESE_RULES,
    "ko": _KOREAN_RULES,
    # Spanish urgent rows: read only by urgent_in, after emergency_in found nothing.
    "es-urgent": _SPANISH_URGENT_RULES,
}

# --- Matching ---------------------------------------------------------------------------------

_CLAUSE_PUNCTUATION = re.compile(r"[.,;:!?¿¡\n()\[\]\"“”«»،؛؟。，！？；：、…]+")
_ARABIC_FORMS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
                               "ؤ": "و", "ئ": "ي", "ـ": None})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")  # short vowels, written or not


def _normalise(text: str, rules: _LanguageRules, keep_accents: bool) -> str:
    """Lower case, one spelling per letter, apostrophes and dashes as spaces."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_FORMS)
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


def _compile(rules: _LanguageRules) -> Dict[str, Tuple[_Phrase, ...]]:
    compiled: Dict[str, Tuple[_Phrase, ...]] = {}
    for finding, phrases in rules.concepts.items():
        entries = []
        for phrase in phrases:
            accented = rules.fold_accents and _fold(phrase) != phrase.lower()
            body = phrase.translate(_ARABIC_FORMS)
            if rules.word_start and not rules.by_characters:
                body = r"(?<!\w)(?:" + body + ")"
            if rules.by_characters:
                negates = any(word in phrase for word in rules.negators)
            else:
                negates = bool(rules.negators.intersection(re.findall(r"\w+", phrase)))
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
        return any(word in before for word in rules.negators)
    before_words = clause[: match.start()].split()[-rules.window:] if rules.window else []
    inside_words = match.group(0).split()
    if not any(word in rules.negators for word in before_words + inside_words):
        return False
    before = " ".join(before_words)
    return not any(doubt in before for doubt in rules.doubt)


def _findings(language: str, text: str, order: Tuple[str, ...] = _ORDER) -> List[str]:
    """Every finding of `order` the text reports in `language`, in that order (emergencies
    by urgency)."""
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
    return [finding for finding in order if finding in found]


def spanish_emergency(text: str) -> Optional[str]:
    """The emergency finding a Spanish message reports ("no puedo respirar"), else None."""
    return emergency_in("es", text)


def emergency_in(language: str, text: str) -> Optional[str]:
    """The emergency finding a message in `language` reports, else None.

    Spanish is covered in full; zh, vi, tl, fr, ko, ar and ru have the main emergencies
    only, and any other language always gives None.
    """
    findings = _findings(language, text)
    if not findings and (language or "").lower() == "es":
        # Fever and a stiff neck told in two clauses ("tiene fiebre y el cuello muy
        # rigido"): together, possible bacterial meningitis (CLINICAL.md).
        urgent = set(_findings("es-urgent", text, _URGENT_ORDER))
        if "meningitis_signs" in urgent and ("high_fever" in urgent or _spanish_fever(text)):
            return MENINGITIS
    return findings[0] if findings else None


_SPANISH_FEVER = re.compile(r"\b(?:fiebre|calentura|temperatura|febril)\b")
_SPANISH_DENIAL = re.compile(r"\b(?:no|sin|ni|nada de)\b")


def _spanish_fever(text: str) -> bool:
    """A fever named and not denied ("tiene fiebre", not "no tengo fiebre")."""
    folded = _fold(text.lower())
    return any(not _SPANISH_DENIAL.search(folded[max(0, m.start() - 14):m.start()])
               for m in _SPANISH_FEVER.finditer(folded))


def urgent_in(language: str, text: str) -> Optional[str]:
    """The urgent finding a message reports, for Spanish only (the urgent rows); else None."""
    if (language or "").lower() != "es":
        return None
    findings = _findings("es-urgent", text, _URGENT_ORDER)
    return findings[0] if findings else None
