"""Findings beyond infusion reactions: every symptom an IVIG patient or a parent writes about.

One table per section of CLINICAL.md ("General emergencies", "Mental health crisis",
"Sepsis and meningitis", "Infections when immunity is weak", "Children", "Common
self-limited complaints"), each concept with its lay words and word pairs. Built from the
body systems and their warning signs, not from example sentences: a pair rule such as
(foot leg arm ...) x (drop dragging limp ...) covers wordings nobody here wrote.
No Rasa imports here.
"""

from __future__ import annotations

from typing import Tuple

from clinical.findings import Finding, pair
from clinical.levels import EMERGENCY, SELF_CARE, URGENT

# Words that make any pain, weakness or dizziness "sudden and severe" (ACEP warning signs).
SEVERE_WORDS = ("excruciating unbearable agony agonizing agonising worst intense crippling "
                "screaming horrendous 10/10")
SUDDEN_WORDS = "sudden suddenly abruptly instantly"
LIMBS = "foot feet leg legs arm arms hand hands ankle toes fingers"

# --- General emergencies (ACEP warning signs, AHA heart attack, F.A.S.T.) -----------------
GENERAL_EMERGENCIES: Tuple[Finding, ...] = (
    Finding(
        "severe_bleeding", EMERGENCY, "bleeding that will not stop",
        ("soaked through", "still pouring", "pouring blood", "won't stop pouring", "blood is pouring", "soaking through", 
         "bleeding won't stop", "bleeding wont stop", "won't stop bleeding",
         "bleeding that won't stop", "bleeding that will not stop", "bleeding doesn't stop",
         "bleeding will not stop", "blood won't stop", "can't stop bleeding",
         "can't stop the bleeding", "cant stop bleeding", "bleeding heavily", "bleeding a lot",
         "heavy bleeding", "blood everywhere", "gushing blood", "spurting blood",
         "losing a lot of blood", "hemorrhage", "haemorrhage", "hemorrhaging", "nosebleed won't stop", "nosebleed wont stop", "nose won't stop bleeding", "nose wont stop bleeding", "nose bleed won't stop", "nose bleed wont stop", "nosebleed that won't stop", "nosebleed for over an hour",
         "bleeding through", "soaked in blood", "still gushing",
         "still bleeding after"),
        # "stopped" alone means it is over ("it bled a little, then stopped"), so only the
        # words of a bleed that goes on pair with it; "won't stop" is in the phrases.
        near=(pair("bleed bleeding blood nosebleed nosebleeds", "gushing spurting pouring soaking soaked heavily "
                   "everywhere nonstop", window=5),
              # A bleed that goes on ("has been bleeding for 40 minutes and it won't stop",
              # "the bleeding just keeps going").
              # ("wo" is how the tokenizer splits "won't": "wo" + "n't")
              pair("bleed bleeding bled nosebleed nosebleeds", "wo wont keeps continuing "
                   "nonstop", window=9)),
    ),
    Finding(
        "vomiting_blood", EMERGENCY, "vomiting blood",
        ("vomiting blood", "throwing up blood", "threw up blood", "puking blood",
         "blood in my vomit", "blood in vomit", "vomited blood", "coffee grounds",
         "hematemesis", "haematemesis"),
        near=(pair("vomit vomiting vomited puke puking puked throw threw throwing sick",
                   "blood bloody", window=5),),
    ),
    # ACEP: severe or persistent vomiting. Vomiting that won't stop is urgent (triage
    # table); not keeping even water down is the severe end.
    Finding(
        "severe_vomiting", EMERGENCY, "vomiting so much that even water won't stay down",
        ("can't keep water down", "can't even keep water down",
         "cant even keep water down", "can't keep any fluids down",
         "can't keep any water down", "can't even keep fluids down", "not keeping water down",
         "throwing up water"),
    ),
    Finding(
        "head_injury", EMERGENCY, "a head or spine injury",
        ("hit my head", "hit his head", "hit her head", "banged my head", "head injury",
         "knocked out", "concussion", "hurt my neck in", "spine injury", "spinal injury",
         "fell on my head", "fell and hit"),
        near=(pair("head skull spine neck", "hit banged bumped smashed struck cracked injury "
                   "injured knocked whacked landed", window=4),),
    ),
    Finding(
        "sudden_injury", EMERGENCY, "a serious injury, burn or accident",
        ("heat stroke", "heatstroke", "stopped sweating", "not sweating and", 
         "car accident", "car crash", "was in a crash", "rear-ended", "rear ended",
         "head-on collision", "collision", "knocked off my bike", "scalded", "third degree burn",
         "underwater", "under the water", "hit by a car", "motorcycle accident",
         "bad burn", "badly burned", "burned badly", "severe burn", "smoke inhalation",
         "breathed in smoke", "nearly drowned", "near drowning", "almost drowned",
         "deep cut", "big gash", "deep wound", "stab wound", "was stabbed", "got stabbed",
         "gunshot",
         "been shot", "bone sticking out", "fell from", "fell down the stairs",
         "electric shock", "electrocuted"),
        # Accidents by kind: a crash, a fall from height or onto the back, a scald or
        # burn, water (near drowning).
        near=(pair("cut wound gash laceration", "deep large big huge gaping", window=3),
              pair("fell fall fallen", "ladder stairs roof height horse bike spine", window=5),
              pair("boiling scalded scald scalding burned burnt", "water oil kettle pan "
                   "blisters blistered peeling", window=6),
              pair("pool lake river sea bath bathtub", "under drowning drowned underwater "
                   "unconscious", window=8),
              # A vehicle crash in anyone's words ("rolled the ute", "flipped the car").
              pair("car ute truck van vehicle bike motorbike motorcycle", "rolled crashed "
                   "flipped wrecked totalled totaled accident", window=4),
              # Smoke or fumes breathed in (a fire, a garage, a chemical).
              pair("smoke fumes", "breathed inhaled breathing inhaling swallowed", window=6)),
    ),
    Finding(
        "poisoning", EMERGENCY, "swallowing something poisonous",
        ("we all have headaches", "all of us have headaches", "whole family has headaches", "smell gas", "gas leak", "smells of gas", 
         "swallowed bleach", "drank bleach", "rat poison", "poisoned", "poisoning",
         "swallowed a battery", "button battery", "ate a detergent pod", "drank antifreeze",
         "swallowed poison", "got into the medicine cabinet",
         "laundry pod", "detergent pod", "dishwasher pod", "dishwasher tablet", "drain cleaner",
         "lighter fluid", "brake fluid", "windshield fluid", "washer fluid",
         "lamp oil", "drank gasoline", "drank kerosene", "drank windshield washer",
         "swallowed a magnet", "swallowed magnets", "ate mushrooms from the yard",
         "carbon monoxide"),
        near=(pair("swallowed swallow drank drink ate eaten ingested licked licking chewed "
                   "chewing sucked sucking sipped sipping",
                   "bleach poison poisonous cleaner detergent chemical chemicals antifreeze "
                   "battery pesticide weedkiller petrol gasoline kerosene paraffin "
                   "thinner turpentine ammonia lye mothballs killer", window=8),
              # "the toddler got into the antifreeze", "she got into my pills"
              pair("got", "bleach antifreeze cleaner detergent chemicals poison pesticide "
                   "weedkiller petrol gasoline kerosene thinner turpentine ammonia "
                   "mothballs pills tablets medicine meds", window=3),
              # Fumes from a heater: a household all unwell (carbon monoxide).
              pair("heating heater furnace boiler fireplace generator stove", "headaches "
                   "headache dizzy dizziness sick", window=10)),
    ),
    Finding(
        "severe_pain", EMERGENCY, "sudden, severe pain",
        ("worst pain of my life", "worst pain ever", "pain is a 10", "10 out of 10 pain",
         "10/10 pain", "excruciating", "unbearable pain", "in agony", "screaming in pain",
         "can't move from the pain", "doubled over in pain", "sudden severe pain"),
        near=(
            pair("pain hurts hurting ache cramps cramp", SEVERE_WORDS, window=5),
            pair("pain hurts hurting", SUDDEN_WORDS + " sharp stabbing tearing ripping",
                 window=3),
        ),
    ),
    # A painful or swollen testicle can be a twisted one (torsion): hours count.
    Finding(
        "testicle_pain", EMERGENCY, "a painful or swollen testicle",
        ("testicular pain", "testicle pain", "pain in my testicle", "pain in his testicle",
         "testicular torsion", "twisted testicle", "pain in my balls", "pain in his balls",
         "swollen testicle", "swollen scrotum"),
        near=(pair("testicle testicles testicular balls scrotum nuts", "pain painful hurting "
                   "hurts hurt swollen swelling sore aching tender", window=5),),
    ),
    # Belly pain that settles low on the right (appendicitis) needs care at once.
    Finding(
        "appendix_pain", EMERGENCY, "belly pain low on the right side",
        ("to the lower right", "to my lower right", "low on the right", "low down on the right", "bottom right of my tummy", "bottom right of my belly", "bottom right of his tummy", "bottom right of her tummy", "lower right side of his tummy", "lower right side of her tummy", 
         "lower right side of my belly", "lower right side of my stomach",
         "lower right side of my tummy", "lower right abdomen", "right lower abdomen",
         "lower right belly", "right lower belly", "lower right tummy", "right lower quadrant",
         "moved to the lower right", "moved to my lower right", "moved to the right side",
         "appendicitis", "my appendix", "his appendix", "her appendix", "rlq pain"),
    ),
    # A limb whose blood supply stops: suddenly cold and pale (or blue), and painful.
    Finding(
        "cold_pale_limb", EMERGENCY, "an arm or leg that is suddenly cold, pale and painful",
        ("cold and pale", "pale and cold", "cold and white", "white and cold", "cold and blue",
         "blue and cold", "gone white and cold", "gone cold and white"),
    ),
    Finding(
        "upper_abdominal_pain", EMERGENCY, "upper belly pain or pressure",
        ("upper abdominal pain", "upper stomach pain", "upper belly pain",
         "pain in my upper stomach", "pain in my upper belly", "pain under my ribs",
         "pressure in my upper stomach"),
        near=(pair("upper", "abdomen abdominal belly stomach tummy", window=2),),
    ),
    Finding(
        "sudden_weakness", EMERGENCY, "sudden weakness, numbness, dizziness or a limb that stops working",
        ("foot drop", "foot is dragging", "dragging my foot", "dragging his foot",
         "dragging her foot", "can't lift my foot", "can't lift my arm", "leg gave out",
         "legs gave out", "leg gave way", "suddenly can't walk", "can't walk suddenly",
         "suddenly very dizzy", "sudden dizziness", "suddenly dizzy", "suddenly weak",
         "sudden weakness", "suddenly numb", "sudden numbness", "room is spinning suddenly",
         "paralyzed", "paralysed", "can't feel my legs", "can't feel my arm",
         "can't feel my face"),
        near=(
            # ("dead on my feet" is tiredness, so "dead" is not one of these words)
            pair(LIMBS + " face side", "drop drops dropping dropped dragging drags floppy "
                 "limp paralyzed paralysed useless", window=4),
            # "my legs just gave way", "his knees buckled"
            pair("leg legs knee knees", "gave buckled buckling collapsed", window=3),
            pair(SUDDEN_WORDS, "dizzy weak numb weakness numbness tingly collapsed fell "
                 "wobbly clumsy", window=4),
        ),
    ),
    Finding(
        "sudden_vision_change", EMERGENCY, "a sudden change in vision",
        ("sudden double vision", "suddenly seeing double", "seeing double",
         "double vision", "suddenly blurry", "sudden blurry vision", "lost part of my vision",
         "curtain over my eye", "curtain over my vision"),
        near=(pair(SUDDEN_WORDS, "blurry blurred double vision see sight", window=4),),
    ),
    Finding(
        "heart_attack_signs", EMERGENCY, "chest discomfort spreading to the arm, back, neck or jaw",
        ("pain down my left arm", "pain in my left arm", "pain going down my arm",
         "going down my left arm", "down my left arm", "into my jaw", "left arm and jaw",
         "arm and jaw", "arm and into my jaw",
         "pain in my jaw and arm", "jaw pain and sweating", "heart attack",
         "having a heart attack", "cardiac arrest", "heart stopped", "no pulse"),
        # Pain that travels from the chest; a rash "spreading up my arms" is not this.
        near=(pair("jaw arm arms shoulder back neck", "radiating radiates radiate", window=4),
              pair("chest", "spreading spreads going goes shooting radiating", window=5)),
    ),
    Finding(
        "anaphylaxis", EMERGENCY, "a severe allergic reaction",
        ("anaphylaxis", "anaphylactic", "anaphylactic shock", "anaphylactic reaction",
         "severe allergic reaction", "bad allergic reaction", "serious allergic reaction",
         "used my epipen", "used the epipen", "used an epipen", "gave him his epipen",
         "gave her her epipen", "epi pen", "epipen", "allergic shock", "going into shock"),
    ),
    Finding(
        "mental_status_change", EMERGENCY, "a sudden change in behaviour or alertness",
        ("acting strange", "acting strangely", "acting weird", "not acting like himself",
         "not acting like herself", "not himself", "not herself", "behaving oddly",
         "hallucinating", "seeing things that aren't there", "delirious", "talking gibberish",
         "can't stay awake", "very drowsy and confused", "floppy and sleepy", "limp and floppy",
         "barely responsive", "won't respond", "not responsive", "glassy eyes",
         "lethargic", "very lethargic"),
    ),
)

# --- Mental health crisis (988 and 911) -----------------------------------------------
# Idioms ("dying to know", "this wait is killing me", "could kill for a coffee") name no
# person ending a life, so they contain none of these phrases or pairs.
CRISIS: Tuple[Finding, ...] = (
    Finding(
        "suicidal_thoughts", EMERGENCY, "thoughts of suicide",
        ("picked a day", "picked the day", "chosen a day", "chose a day", "set a date", "how i'd do it", "how i would do it", "how i'll do it", "texted me goodbye", "text saying goodbye", "goodbye text", "sorry for everything", "pills are right here", "pills are in front of me", "pills in my hand", "pills right here", "gun in my hand", "knife in my hand", 
         "kill myself", "killing myself", "end my life", "ending my life", "end it all",
         "take my own life", "take my life", "suicide", "suicidal", "want to die",
         "wanna die", "wish i was dead", "wish i were dead", "better off dead",
         "don't want to live", "dont want to live", "don't want to be alive",
         "don't want to be here anymore", "no reason to live", "not worth living",
         "nothing to live for", "go to sleep and never wake up", "never wake up",
         "end my own life", "kms", "ctb", "don't see the point anymore", "doesn't see the point",
         # How people say it to crisis lines: tiredness of living, not waking, a plan.
         "tired of living", "sick of living", "can't go on like this", "can't go on anymore",
         "can't go on living",
         "can't do this anymore", "don't want to wake up", "dont want to wake up",
         "wish i could die", "wish i would die", "wish i could disappear",
         "life isn't worth living", "life is not worth living", "life isn't worth it",
         "no will to live", "lost the will to live", "want to end it", "going to end it",
         "thinking of ending it", "thinking about ending it", "end it tonight",
         "suicidal ideation", "suicidal thoughts", "thoughts of suicide", "suicide plan",
         "slit my wrists", "cut my wrists", "hang myself", "hanging myself", "a noose",
         "shoot myself", "drown myself", "jump in front of", "stockpiling pills",
         "saving up my pills", "saving up pills", "write a suicide note", "suicide note",
         "everyone would be better off", "burden to everyone", "wants to kill himself",
         "wants to kill herself", "talking about killing himself", "talking about killing herself",
         "talking about suicide", "threatening suicide", "tried to kill",
         # Not being there: "if I just wasn't around anymore"
         "if i wasn't around", "if i weren't around", "wasn't around anymore",
         "if i was gone", "if i were gone",
         "if i disappeared",
         "no point in living", "no point living", "better off without me",
         "goodbye letter", "goodbye letters", "goodbye message",
         "say goodbye to everyone", "hurt someone", "hurt somebody", "kill someone",
         "kill somebody", "harm someone", "hurt other people", "has a gun", "got a gun",
         "a weapon", "has a knife", "unalive", "want it all to end", "want to disappear forever",
         "kill himself", "kill herself", "end his life", "end her life", "wants to die",
         "take his own life", "take her own life", "plan to end my", "planning to end my",
         "want to end things", "going to end things", "thinking about ending things",
         "ending things tonight", "see no way out", "done with life", "done with living",
         "done living", "go to sleep forever", "sleep forever and never wake",
         "not be here anymore", "not be here any more", "don't want to exist",
         "dont want to exist", "stop existing", "cease to exist", "better off gone",
         "world would be better without me", "better off if i was gone",
         "better off if i were gone", "better off if he was gone", "better off if she was gone",
         "better off if he were gone", "better off if she were gone", "better off without him",
         "better off without her", "want out of this life",
         "made a plan to", "have a plan to die", "thinking about dying", "thoughts of dying",
         "thinking of dying", "wanting to die", "want to be dead", "wish to die",
         # Not waking up, as a wish (hard to wake is the confusion finding).
         "sleep and not wake up", "sleep and not wake", "not wake up again",
         "never wake up again", "wish i wouldn't wake up", "hope i don't wake up",
         "hoping i don't wake up", "hope i never wake up",
         # Slang and euphemisms for ending one's life.
         "off myself", "offing myself", "unalive myself", "sewerslide", "end me for real",
         "top myself", "topping myself", "neck myself", "necking myself", "do myself in",
         "end myself", "delete myself", "yeet myself", "put myself out of my misery",
         "end my suffering", "take the easy way out", "no way out", "can't see a way out",
         "cant see a way out", "join my late", "be with my late",
         "fine without me", "happier without me", "better without me",
         # A plan: a method looked up, a time chosen, means gathered, goodbyes
         # (988's warning signs: talking about a plan, giving away possessions, saying
         # goodbye). The pairs below cover the wordings of each.
         "how to die", "ways to die", "way to die", "painless way", "painless ways",
         "how to kill myself", "ways to kill myself", "lethal dose", "fatal dose",
         "dose that would kill", "how many pills would it take", "how many would it take",
         "how much would it take to", "enough pills to", "enough pills saved",
         "tonight is the night", "tonight's the night", "made sure of that",
         "won't be here much longer", "won't be a burden much longer",
         "won't be a problem much longer", "giving my things away", "giving away my things",
         "giving away my stuff", "given away my things", "gave away my things",
         "gave away my stuff", "wrote goodbye", "writing goodbye", "said my goodbyes",
         "saying my goodbyes",
         "take all my pills tonight", "take all of my pills tonight",
         "going to take all my pills", "going to take all of my pills",
         # Asking how much of something would kill ("the lethal amount of insulin").
         "lethal amount", "fatal amount", "deadly amount", "deadly dose", "overdose on",
         "how much would kill", "how many would kill", "enough to kill me",
         # Last words (988: saying goodbye).
         "my last message", "my final message", "my last words", "my final words",
         "last time you'll hear from me", "last time you will hear from me"),
        # "better off if I was dead", "I'd rather be dead"; "jump off the bridge"; pills
        # gathered for an overdose ("stockpiling my oxy")
        near=(pair("dead alive", "off wish rather", window=6),
              # ("saving my pills for the trip" and "collecting my meds" are errands)
              pair("stockpiling stockpile stockpiled hoarding hoard",
                   "pills tablets meds medication medicine oxy opioids painkillers sleeping "
                   "insulin", window=4),
              pair("jump jumping", "bridge building roof cliff train traffic window "
                   "balcony railing ledge overpass platform", window=5),
              # The means, with a plan or a purchase ("bought a rope", "the gun is loaded
              # and ready"); ordinary errands don't name these.
              pair("rope noose", "bought buy buying got plan planned planning ready "
                   "tonight decided tied goodbye goodbyes", window=6),
              pair("gun pistol rifle firearm shotgun bullets", "plan planned planning ready "
                   "loaded tonight decided goodbye goodbyes", window=6),
              # Planning one's death ("has been planning how to die", "a plan to end it").
              pair("plan plans planned planning plotting", "die dying death suicide "
                   "kill killing overdose", window=5),
              # Thoughts of killing someone, meant ("genuinely", "tonight", an address);
              # "my kids will be the death of me" and "I could kill for a coffee" are not.
              pair("kill murder", "tonight address genuinely seriously plan planning",
                   window=6),
              # Searching for a method ("googling painless ways to go").
              pair("googling googled searching searched researching researched looking "
                   "looked", "painless lethal overdose suicide noose", window=6)),
    ),
    Finding(
        "self_harm", EMERGENCY, "hurting oneself on purpose",
        # "I hurt myself in the garden" is an injury, not self-harm: hurting oneself counts
        # with an intention word; harming and cutting oneself count alone.
        ("want to hurt myself", "going to hurt myself", "thinking about hurting myself",
         "thoughts of hurting myself", "urge to hurt myself", "feel like hurting myself",
         "hurt myself on purpose", "hurting myself on purpose", "harm myself",
         "harming myself", "self harm", "self-harm", "self harming", "cutting myself",
         "burning myself", "self injury", "self-injury", "hitting myself",
         "cut myself on purpose", "cutting again", "hurt himself on purpose",
         "hurt herself on purpose", "cutting herself", "cutting himself", "harm himself",
         "harm herself", "wants to hurt himself", "wants to hurt herself",
         "has been cutting", "started cutting", "cuts herself", "cuts himself", "cuts myself",
         "cut herself", "cut himself", "burns herself", "burns himself", "hurting herself",
         "hurting himself", "scratching herself until", "scratching myself until",
         "carving into my", "carved into my", "took a blade to", "took a razor to",
         "razor to my", "blade to my",
         # Why people say they do it ("it's the only way I feel anything").
         "only way i feel anything", "only way i can feel anything",
         "only way i feel something", "just to feel something", "so i can feel something",
         "to punish myself", "punishing myself"),
        # Cutting or burning one's own body, said of anyone ("cutting her arms")
        near=(pair("cutting burning", "arms arm wrists wrist thighs thigh legs stomach "
                   "myself herself himself themselves", window=3),
              # Blades used on the skin ("got the razor blades out again").
              pair("razor razors blade blades", "arms arm wrists wrist thighs thigh legs skin "
                   "myself herself himself again scratching cutting", window=6),
              # Voices that tell a person to harm (a crisis whoever is named).
              pair("voices voice", "hurt harm kill die", window=6)),
    ),
    Finding(
        "overdose", EMERGENCY, "an overdose",
        ("overdose", "overdosed", "od'd", "took too many pills",
         "took a whole bottle", "swallowed a bottle", "took a bottle of", "a handful of pills",
         "took the whole bottle", "swallowed all my pills", "took all my sleeping pills",
         "too many tablets", "took too much medicine", "took too much of my",
         "swallowed a handful", "intentional overdose", "took pills to die",
         "took my pills on purpose", "overdosing", "took an overdose",
         "took a bunch of pills", "took a lot of pills", "took lots of pills",
         "swallowed a bunch of pills", "swallowed a lot of pills", "took all of my pills",
         "took the rest of my pills", "took all her pills", "took all his pills",
         "pills lined up", "counted out my pills", "took extra pills to"),
        near=(pair("pills tablets meds medication medicine tylenol paracetamol "
                   "acetaminophen sleeping painkillers oxy oxycodone oxycontin opioids "
                   "antidepressants lithium seroquel zoloft prozac sertraline ambien "
                   "fentanyl morphine tramadol codeine xanax valium benzos insulin aspirin "
                   "ibuprofen advil heroin",
                   "bottle handful overdose purpose deliberately intentionally bunch whole "
                   "too", window=6),),
    ),
)

CRISIS_FINDINGS = frozenset(finding.name for finding in CRISIS)

# Signs whose words vary too much for phrases or word pairs. Crisis first: each pattern
# is one sign (988's list: wanting to die, a plan or the means, saying goodbye, giving
# things away, being at a place to end one's life, thinking of harming someone), with room
# for the words people put in between. A pattern holds its own negation ("don't even want
# to be here"), so the span starts at it and negation rules leave it alone.
_W = r"(?:[\w'’]+\s+)"  # one word and its space
# Medicines people take too many of, by kind or by name (the overdose and "pills kept
# back" patterns share it).
_MEDICINES = (r"(?:pills?|tablets?|meds|medications?|medicines?|oxy\w*|antidepressants?|"
              r"painkillers?|sleeping\s+pills|insulin|tylenol|paracetamol|ibuprofen|xanax|"
              r"valium|lithium|seroquel|zoloft|prozac|sertraline|ambien|benadryl|gabapentin|"
              r"tramadol|morphine|codeine|opioids?|steroids?|prednisone|prednisolone|"
              r"amitriptyline|nortriptyline|citalopram|escitalopram|fluoxetine|venlafaxine|"
              r"mirtazapine|trazodone|quetiapine|diazepam|lorazepam|clonazepam|zopiclone|"
              r"zolpidem|propranolol|warfarin|metformin|aspirin|naproxen|co-codamol|"
              r"antihistamines?|capsules?|caps)")
# What pills come in, when a whole one is taken ("a whole strip of my prednisolone").
_PACKS = r"(?:bottle|pack|packet|box|strip|sheet|blister(?:\s+pack)?|jar|tub|container)"
PATTERNS: Tuple[Tuple[str, str], ...] = (
    # Not wanting to be here / alive / to wake up, with a sign it means life, not the clinic
    ("suicidal_thoughts",
     r"\b(?:don'?t|do not|didn'?t|no longer|not)\s+" + _W + r"{0,2}(?:want|wanna|wish)\s+"
     + _W + r"{0,2}(?:to\s+)?(?:be\s+(?:here|alive|around)\s*(?:anymore|any more|at all|"
     r"now|tomorrow|on this earth)|be\s+alive|exist|live\b|go\s+on\b|wake\s+up)"),
    ("suicidal_thoughts",
     r"\b(?:what'?s the point|no point)\b[^.!?]{0,60}\b(?:want|wanna)\s+" + _W
     + r"{0,2}(?:to\s+)?be\s+(?:here|alive|around)"),
    ("suicidal_thoughts",
     r"\b(?:easier|better|wish|hope|rather|prefer)\b[^.!?]{0,40}\b(?:didn'?t|don'?t|never|"
     r"wouldn'?t|not)\s+(?:\w+\s+)?wake\s+up"),
    # Giving things away; goodbye letters to family ("letters to my kids' teachers" is not)
    ("suicidal_thoughts",
     r"\bgiv(?:e|es|ing|en)\s+(?:away\s+)?(?:all\s+)?(?:of\s+)?(?:my|his|her)\s+"
     r"(?:stuff|things|belongings|possessions|clothes|savings)\b"
     r"(?:\s+away)?"),
    ("suicidal_thoughts",
     r"\b(?:wrote|written|writing|left)\s+(?:goodbye\s+)?(?:a\s+)?(?:letters?|notes?)\s+"
     r"(?:to|for)\s+(?:my|his|her|the)\s+(?:kids|children|family|wife|husband|mum|mom|"
     r"dad|parents|son|daughter|partner)\b(?!['’])"),
    # A plan worked out (the Columbia scale's questions: how, when, where, the details)
    ("suicidal_thoughts",
     r"\b(?:know|knew|picked|chosen|chose|found|decided|worked\s+out|figured\s+out|planned)\s+"
     + _W + r"{0,2}(?:where|how|when)\s+(?:i'?d|i\s+would|i'?m\s+going\s+to|"
     r"i'?m\s+gonna)\s+(?:\w+\s+)?do\s+it\b"
     # ("how I'm going to do it at home with the pump" is self-infusion)
     r"(?!\s+(?:at\s+home|with\s+the|myself\s+at|on\s+my\s+own))"),
    ("suicidal_thoughts",
     r"\b(?:worked|figured)\s+out\s+(?:all\s+)?the\s+details\b"),
    # Preparing: gathering the means, trying, rehearsing
    # (an amount or one describing word may stand between: "saving up my pain pills",
    # "hiding some of my tablets", "saved up a month of my seroquel"; fetching them from
    # the pharmacy or packing them for a trip is an errand)
    ("suicidal_thoughts",
     r"\b(?:collecting|collected|stocking\s+up\s+on|stocked\s+up\s+on|hiding|hid|"
     r"been\s+saving(?:\s+up)?|saving\s+up|saved\s+up|been\s+keeping(?:\s+back)?|"
     r"keeping\s+back|kept\s+back)\s+"
     r"(?:(?:some|all|most|half|lots|a\s+lot|(?:a|one|two|three|\d+)\s+(?:weeks?|months?)"
     r"(?:'s)?(?:\s+worth)?)\s+(?:of\s+)?)?(?:my\s+|his\s+|her\s+)?(?:[\w-]+\s+)?"
     + _MEDICINES + r"\b"
     r"(?!\s+(?:from|at)\s+(?:the\s+)?(?:pharmacy|chemist|drugstore|clinic|hospital|store)"
     r"|\s+for\s+(?:the|my|a|our)\s+(?:trip|vacation|holiday|travel|flight|weekend|visit))"),
    # Waiting to die of the illness instead of treating it, or asking to be left to die
    # ("stop my infusions and let the next infection take me", "just let me die").
    ("suicidal_thoughts",
     r"\blet\s+(?:the\s+|this\s+|that\s+|an?\s+|my\s+)?(?:next\s+|[\w-]+\s+)?"
     r"(?:infection|illness|disease|sickness|cancer|pneumonia|bug|virus)\s+"
     r"(?:take|kill|finish|end)\s+(?:me|him|her)\b"),
    ("suicidal_thoughts",
     r"\b(?:just\s+)?let\s+(?:me|myself)\s+(?:die|go\s+for\s+good|slip\s+away)\b"),
    # Not safe with oneself; afraid of what one might do ("scared I'll hurt myself",
    # "I don't feel safe being alone tonight")
    ("self_harm",
     r"\b(?:scared|afraid|worried|frightened|terrified|fear)\s+(?:that\s+|of\s+what\s+)?"
     r"(?:i'?ll|i\s+will|i\s+might|i\s+may|i\s+could|i'?m\s+going\s+to|i'?m\s+gonna|"
     r"i'?d)\s+(?:\w+\s+)?(?:hurt|harm|kill|cut|do\s+something\s+to)\s+myself\b"
     # (an accident feared while doing something is not: "hurt myself lifting the pump")
     r"(?!\s+(?:\w+ing\b|on\s+the\b|with\s+the\b|at\s+(?:work|the\s+gym)\b))"),
    ("self_harm",
     r"\b(?:scared|afraid|frightened|terrified)\s+of\s+what\s+i\s+(?:might|could|may|will)"
     r"\s+do\b(?:\s+to\s+myself)?"),
    ("self_harm",
     r"\b(?:don'?t|do\s+not|doesn'?t|does\s+not|not)\s+feel\s+safe\s+(?:being\s+)?"
     r"(?:alone|by\s+myself|on\s+my\s+own|with\s+myself|around\s+myself|"
     r"from\s+myself)\b"),
    ("suicidal_thoughts",
     r"\b(?:tried|trying|attempted)\s+to\s+(?:hang|drown|overdose|suffocate|end|kill|gas)\b"),
    # A way to die pictured or meant ("keep picturing stepping in front of the train",
    # "going to throw myself off the car park")
    # (stepping off the bus or falling from a ladder is not: vehicles count in front of
    # or under, heights only thrown or jumped from)
    ("suicidal_thoughts",
     r"\b(?:step\w*|walk\w*|throw\w*|jump\w*|lie|lying|lay)\s+(?:myself\s+|himself\s+|"
     r"herself\s+)?(?:out\s+|down\s+)?(?:in\s+front\s+of|under)\s+(?:a|an|the|that|this)\s+"
     r"(?:[\w-]+\s+)?(?:train|bus|truck|lorry|tram|tube|traffic|car)\b"
     r"|\b(?:throw\w*\s+(?:myself|himself|herself)|jump\w*)\s+(?:off|from)\s+"
     r"(?:a|an|the|that|this)\s+(?:[\w-]+\s+)?(?:bridge|cliff|roof|rooftop|building|balcony|"
     r"car\s+park|parking\s+garage|overpass|tower)\b"),
    ("suicidal_thoughts",
     r"\b(?:thought\w*|thinking|keep|kept|want\w*|tempted|urge|picturing|imagining)\b"
     r"[^.!?]{0,30}\b(?:driv\w*|drove|steer\w*|crash\w*)\s+(?:my\s+car\s+|the\s+car\s+|it\s+)?"
     r"(?:into|off)\s+(?:(?:a|the)\s+)?(?:wall|tree|bridge|cliff|river|lake|oncoming|lorry|"
     r"truck|pillar)\b"),
    # Searching for a method ("searching how to hang yourself")
    ("suicidal_thoughts",
     r"\bhow\s+to\s+(?:hang|kill|shoot|drown|poison|suffocate|gas|overdose|off|unalive)\s+"
     r"(?:yourself|myself|oneself|himself|herself|themselves|urself)\b"),
    # Love sent through someone else with sorrow ("tell my kids I love them and I'm
    # sorry"), a goodbye sent and then silence ("he texted me goodbye and isn't
    # answering"); a goodbye with an apology alone is how people leave a chat.
    ("suicidal_thoughts",
     r"\btell\s+(?:my|his|her|the)\s+[\w']+(?:\s+[\w']+)?\s+(?:that\s+)?(?:i|he|she)\s+"
     r"(?:love|loved|am\s+sorry|'?m\s+sorry)\b(?=[\s\S]{0,80}\b(?:sorry|goodbye|forgive|last|"
     r"trying|bye)\b)"),
    ("suicidal_thoughts",
     r"\b(?:texted|messaged|wrote|sent|left|posted|said)\b[^.!?]{0,25}\bgoodbye\b[^.!?]{0,40}"
     r"\b(?:not|isn'?t|won'?t|can'?t|doesn'?t|no\s+one)\s+(?:\w+\s+)?(?:answer\w*|pick\w*|"
     r"reply\w*|respond\w*|reach)\b"),
    # Affairs put in order with a readiness to go (988: putting affairs in order, giving
    # things away); a will alone is ordinary planning.
    ("suicidal_thoughts",
     r"\b(?:sorted|sorting|made|making|wrote|written|updated|finished|put|putting|got)\s+"
     r"(?:out\s+)?(?:my\s+|all\s+my\s+)?(?:will|affairs|funeral)\b(?=[\s\S]{0,80}\b(?:ready\s+to\s+"
     r"(?:go|die|leave)\b(?!\s+(?:on|to|out|home|for|back|in|into|shopping|away|abroad))|goodbye|given\s+away|gave\s+away|given\s+(?:the|my)\s+\w+\s+to|"
     r"won'?t\s+need|no\s+longer\s+need)\b)"
     r"|\b(?:given|gave)\s+(?:away\s+)?(?:the|my)\s+(?:dog|cat|pets?)\s+(?:away\s+)?to\b"
     r"(?=[\s\S]{0,80}\b(?:ready\s+to\s+(?:go|die)|goodbye|will\b|affairs|won'?t\s+need)\b)"),
    # At a place to end one's life
    ("suicidal_thoughts",
     r"\b(?:i'?m|i am|standing|sitting|parked|stood|he'?s|she'?s)\s+" + _W
     + r"{0,3}(?:by|on|at|near|under|off|over)\s+(?:the\s+|a\s+|his\s+|her\s+|my\s+)?"
     r"(?:\w+\s+)?(?:bridge|ledge|cliff|railway|train\s+tracks|tracks|rooftop|roof\s+edge|"
     r"railing|railings|parapet)\b"),
    # The means, for oneself ("keep thinking about using it on myself")
    ("suicidal_thoughts",
     r"\b(?:use|using|turn|turning|point|pointing)\s+(?:it|the\s+gun|a\s+gun|the\s+knife|"
     r"a\s+knife|them)\s+on\s+(?:myself|himself|herself)\b"),
    # Thinking of killing or hurting someone (ACEP: feeling like committing murder)
    ("suicidal_thoughts",
     r"\b(?:thoughts?\s+of|thinking\s+(?:about|of)|think\s+about|urges?\s+to|want\s+to|"
     r"going\s+to|plan\s+to)\s+(?:killing|kill|hurting|hurt|harming|harm|stabbing|stab|"
     r"shooting|shoot|strangling)\s+(?:him|her|them|my\s+\w+|someone|somebody|people|"
     r"the\s+kids|my\s+kids)\b"),
    # Others better off, or life easier, without the writer ("everyone would be better off
    # if I just wasn't here", "mum would have an easier life without me"): 988's "feeling
    # like a burden". The clause's own "wasn't" is part of the wish, not a denial.
    ("suicidal_thoughts",
     r"\b(?:better\s+off|easier|happier|simpler|better|fine|lighter)\b[^.!?]{0,40}?"
     r"\b(?:if|when|once)\s+i\s+(?:\w+\s+)?(?:wasn'?t|weren'?t|was\s+not|were\s+not)\s+"
     r"(?:here|around|alive|in\s+the\s+picture)\b(?!\s+(?:so|too|early|late|on\s+time|for|at|by|"
     r"in\s+time|yet|today|tomorrow|this|that|when|with))"
     r"|\b(?:easier|better|happier|simpler|lighter)\s+(?:[\w']+\s+){0,3}?without\s+me\b"
     r"(?!\s+(?:there|in\s+the\s+room|hovering|watching|asking|around\s+for\s+the))"),
    # Being a burden or a drain on others, said of oneself ("I'm nothing but a burden",
    # "I hate being a drain on everyone").
    # (a burden to the nurses with questions, or "I hate being a burden but...", is
    # politeness)
    ("suicidal_thoughts",
     r"\b(?:i'?m|i\s+am|i\s+feel|feel|feeling|being|i'?ve\s+become|become)\s+(?:like\s+)?"
     r"(?:[\w']+\s+){0,2}?(?:a\s+|such\s+a\s+)?(?:burden|drain)\s+(?:on|to|for)\s+"
     r"(?:everyone|everybody|people|others|them|you\s+all|(?:my|the)\s+(?:whole\s+)?(?:family|"
     r"kids|children|wife|husband|partner|mum|mom|dad|parents|son|daughter|loved\s+ones))\b"
     r"|\bnothing\s+but\s+a\s+(?:burden|drain)\b"),
    # Ending it, meant or felt ("feeling like ending it", "planning on ending things");
    # ending things with a partner, or a chat "there", is not.
    ("suicidal_thoughts",
     r"\b(?:feel\w*\s+like|want\w*|wanna|plan\w*|think\w*|going\s+to|gonna|decided|ready|"
     r"tempted|urges?|about\s+to|close\s+to|seriously\s+considering|considering)\s+"
     r"(?:(?:on|of|about|to|just|really|finally|maybe)\s+){0,2}(?:end|ending)\s+(?:it|things|"
     r"it\s+all|everything|my\s+life)\b(?!\s+(?:with|there|here\b|for\s+today|early|now\s+thanks))"),
    ("suicidal_thoughts",
     r"\b(?:make|making)\s+(?:it|this|everything|the\s+pain|it\s+all)\s+(?:all\s+)?stop\s+"
     r"(?:for\s+good|forever|permanently)\b"),
    # Not being around much longer ("don't see myself being around much longer", "you
    # won't have to put up with me much longer", "I'm not sticking around").
    ("suicidal_thoughts",
     r"\b(?:won'?t|will\s+not|not\s+going\s+to|not\s+gonna|don'?t\s+(?:really\s+)?see\s+myself|"
     r"can'?t\s+see\s+myself)\s+(?:be\s+|being\s+)?(?:around|here|alive|sticking\s+around)\s+"
     r"(?:for\s+)?(?:much|very|a\s+lot|that\s+much)\s+longer\b"
     r"(?!\s+(?:today|tonight|this|at|in\s+the|here|there)|[,;]?\s+(?:my|the)\s+(?:bus|train|"
     r"lift|ride|taxi|shift))"
     r"|\bnot\s+(?:sticking|hanging)\s+around\b(?!\s+(?:for|to|at|in|after|until|till|"
     r"long\s+enough\s+to)\b)"
     r"|\b(?:put\s+up\s+with|deal\s+with|worry\s+about|look\s+after)\s+(?:me|him|her)\s+(?:for\s+)?"
     r"(?:much|very)\s+longer\b"),
    # Not being there for the next one, with a plan or a shrug ("not that it matters, I
    # won't be around for the next one. I've got it all planned"); away on holiday is not.
    ("suicidal_thoughts",
     r"\b(?:won'?t|will\s+not|not\s+going\s+to|not\s+gonna)\s+be\s+(?:around|here|alive)\b"
     r"[\s\S]{0,80}?\b(?:got\s+it\s+(?:all\s+)?(?:planned|sorted|worked\s+out)|it'?s\s+(?:all\s+)?"
     r"planned|planned\s+it|made\s+(?:my|the)\s+decision|my\s+mind\s+is\s+made\s+up)\b"
     r"(?![\s\S]{0,60}\b(?:holiday|trip|vacation|going\s+to|off\s+to|flight|cruise|away|"
     r"visit\w*|wedding|abroad|moving|move))"
     r"|\bnot\s+that\s+it\s+matters\b[\s\S]{0,40}?\b(?:won'?t|will\s+not)\s+be\s+(?:around|here|"
     r"alive)\b"),
    # The means with being finished ("there's a rope in the garage and he says he's
    # 'done'"); being done with a tangled rope is not.
    ("suicidal_thoughts",
     r"\b(?:rope|noose|gun|pills)\b[^.!?]{0,60}?\b(?:i'?m|he'?s|she'?s|they'?re|i\s+am|he\s+is|"
     r"she\s+is)\s+['‘\"]?(?:done|finished|ready\s+to\s+go)\b(?!\s+with\b)"),
    # Treatment no longer needed because of a decision ("I won't be needing it. I've made
    # my decision").
    ("suicidal_thoughts",
     r"\bwon'?t\s+be\s+needing\s+(?:it|them|any|my|the)\b[\s\S]{0,60}?\b(?:made\s+(?:my|the|a)\s+"
     r"decision|made\s+up\s+my\s+mind|my\s+mind\s+is\s+made\s+up)\b"
     r"|\b(?:made\s+(?:my|the)\s+decision|made\s+up\s+my\s+mind|my\s+mind\s+is\s+made\s+up)\b"
     r"[\s\S]{0,60}?\bwon'?t\s+be\s+"
     r"needing\b"),
    # Ready, or the right time, to go, with things given away or affairs settled (988:
    # giving away possessions, putting affairs in order).
    ("suicidal_thoughts",
     r"\b(?:giv(?:e|es|ing|en)|gave|rehom\w*|sorted|sorting|settled|finished)\s+(?:[\w']+\s+)"
     r"{0,4}?(?:away|will|affairs|to\s+(?:my|the|his|her)\s+\w+)\b[\s\S]{0,120}?\b(?:ready\s+to\s+"
     r"(?:go|die|leave)|(?:right|the)\s+time\s+to\s+go|time\s+for\s+me\s+to\s+go)\b"
     # (ready to go on holiday, to the shops, home)
     r"(?!\s+(?:on|to|out|home|for|back|in|into|shopping|away|abroad))"
     r"|\b(?:ready\s+to\s+(?:go|die)|(?:right|the)\s+time\s+to\s+go)\b[\s\S]{0,120}?"
     r"\b(?:giv(?:e|es|ing|en)\s+(?:[\w']+\s+){0,4}?away|gave\s+(?:[\w']+\s+){0,4}?away|"
     r"rehom\w+|sorted\s+(?:out\s+)?my\s+(?:will|affairs))\b"),
    # A funeral pictured with longing, or planned ("picturing my own funeral and it feels
    # peaceful", "picking out the songs for my funeral").
    ("suicidal_thoughts",
     r"\b(?:picturing|imagining|planning|daydreaming\s+about|thinking\s+about)\s+my\s+(?:own\s+)?"
     r"funeral\b[\s\S]{0,80}?\b(?:peaceful|relief|nice|calm|songs|music|ready|want)\b"
     r"|\b(?:picking|choosing|chose|picked|chosen)\s+(?:out\s+)?(?:the\s+)?(?:songs|music|"
     r"hymns|readings)\s+for\s+my\s+funeral\b"),
    # Death wanted or welcomed ("can't stop thinking about death... I kind of want it",
    # "waiting around to die and I'd rather speed it up").
    ("suicidal_thoughts",
     r"\b(?:thinking|think|thoughts|obsessed|fixated)\s+(?:\w+\s+)?(?:about|of|on|with)\s+"
     r"(?:death|dying|being\s+dead)\b[\s\S]{0,80}?(?<!not\s)(?<!n't\s)(?<!never\s)"
     r"\b(?:want\s+it|wanting\s+it|welcome\s+it|"
     r"ready\s+for\s+it|long\s+for|looking\s+forward|not\s+(?:scared|afraid)\s+of\s+it)\b"
     r"|\b(?:waiting|wait)\s+(?:around\s+)?(?:to\s+die|for\s+death|for\s+the\s+end)\b"
     r"[\s\S]{0,60}?\b(?:speed|hurry|rush|help)\s+(?:it|things|that)\s+(?:up|along)\b"),
    # Asking how much of a medicine it would take, or kills ("how many of my sleeping
    # tablets it would take", "the most paracetamol you can take before it kills you").
    ("suicidal_thoughts",
     r"\bhow\s+(?:many|much)\s+(?:of\s+)?(?:my\s+|his\s+|her\s+|the\s+|these\s+|those\s+)?"
     r"(?:[\w-]+\s+)?" + _MEDICINES + r"\s+(?:it\s+)?would\s+(?:it\s+)?take\b"
     r"(?!\s+(?:to\s+(?:work|help|kick|get|feel|start|see|notice|make\s+(?:a|any)\s+difference)"
     r"|for|before\s+(?:i|it|they)\s+(?:feel|notice|work|help|start)))"
     r"|\bbefore\s+(?:it|they|that|the\s+\w+)\s+(?:\w+\s+)?kills?\s+(?:you|them|me|a\s+person|"
     r"someone|somebody|him|her)\b"),
    # A goodbye sent, then silence or the means ("sent his mates a 'goodbye lads, love
    # you all' message and now his phone's off", "posted 'see u on the other side' with a
    # photo of a pile of pills").
    ("suicidal_thoughts",
     # (a plain "texted goodbye" and a flat phone is someone leaving the clinic)
     r"\b(?:texted|messaged|wrote|sent|left|posted|said|put)\b[^.!?]{0,60}?\b(?:farewell|"
     r"love\s+(?:you|u)\s+all|see\s+(?:you|u|ya)\s+on\s+the\s+other\s+side|goodbye\b[^.!?]{0,25}?"
     r"\blove\s+(?:you|u))\b[\s\S]{0,120}?"
     r"(?:\b(?:not|isn'?t|won'?t|can'?t|doesn'?t|no\s+one)\s+(?:\w+\s+)?(?:answer\w*|pick\w*|"
     r"reply\w*|respond\w*|reach\w*)\b|\bphone(?:'s|\s+is|\s+has\s+been)\s+(?:\w+\s+)?(?:off|"
     r"dead|switched\s+off)\b|\b(?:pills|tablets|rope|gun|knife|bottle)\b)"),
    # A method pictured at a height ("going up to the top floor of the multi-storey and
    # just stepping off").
    ("suicidal_thoughts",
     r"\b(?:top\s+(?:floor|storey|story|level|deck)|rooftop|roof|ledge|edge|bridge|balcony|"
     r"cliff|multi-?stor(?:ey|y))\b[^.!?]{0,80}?\b(?:step\w*|jump\w*|throw\w*\s+myself|"
     r"fall\w*|launch\w*\s+myself)\s+(?:off|over)\b"
     r"(?!\s+(?:the\s+)?(?:bus|train|tram|kerb|curb|step|stool|chair|ladder))"),
    # Steering into something on purpose ("nearly drove into a tree on purpose",
    # "how easy it'd be to just steer into the concrete barrier").
    ("suicidal_thoughts",
     r"\b(?:driv\w*|drove|steer\w*|crash\w*|swerv\w*)\s+(?:my\s+car\s+|the\s+car\s+|it\s+)?"
     r"(?:into|off)\s+(?:(?:a|the|that|an)\s+)?(?:[\w-]+\s+)?(?:wall|tree|bridge|cliff|river|"
     r"lake|oncoming|lorry|truck|pillar|barrier|barriers|pole|lamppost|post|sea|canal|"
     r"reservation)\b[^.!?]{0,20}?\b(?:on\s+purpose|deliberately|intentionally)\b"
     r"|\bhow\s+easy\s+(?:it\s+)?(?:would\s+be|it'?d\s+be|it\s+is)\s+to\s+(?:just\s+)?"
     r"(?:driv\w*|steer\w*|crash\w*|swerv\w*|jump\w*|step\w*|let\s+go|take\s+them\s+all|"
     r"swallow\w*)\b"),
    # Thoughts of killing someone, with the means or the person's whereabouts ("could
    # kill him, I've got his address and I've been sat outside in the car").
    ("suicidal_thoughts",
     r"\b(?:could|want\s+to|wanna|going\s+to|gonna|will|'ll)\s+(?:\w+\s+)?(?:kill|murder|"
     r"stab|shoot|strangle)\s+(?:him|her|them)\b[\s\S]{0,100}?\b(?:address|(?:sat|sitting|"
     r"parked|waiting|outside)\s+(?:\w+\s+){0,2}(?:outside|his|her|their)|knife|gun|"
     r"weapon|tonight)\b"),
    # A store of the means and what it would do ("I've got a stash of insulin pens and I
    # know exactly what would happen if I used them all at once").
    ("overdose",
     r"\b(?:stash|stashed|stockpile|hoard)\b[\s\S]{0,100}?\b(?:all\s+at\s+once|what\s+would\s+"
     r"happen|be\s+enough|enough\s+to)\b"
     r"|\bknow\s+(?:exactly\s+)?what\s+would\s+happen\s+if\s+i\s+(?:took|used|swallowed|"
     r"injected|had)\s+(?:them\s+|it\s+)?all\b"),
    # Everything in the medicine cupboard, or a load of a medicine, swallowed ("swallowed
    # a load of her antidepressants").
    ("overdose",
     r"\b(?:took|taken|swallowed|downed|necked)\s+(?:everything|all|whatever)\s+(?:that\s+was\s+)?"
     r"in\s+(?:the|my|his|her|our|mum'?s|mom'?s)\s+(?:medicine\s+|bathroom\s+)?(?:cupboard|"
     r"cabinet|drawer|box|cabinet)\b"
     r"|\b(?:took|taken|swallowed|downed|necked)\s+(?:a\s+load|a\s+pile|a\s+heap|a\s+fistful|"
     r"handfuls|loads|a\s+ton|tons)\s+of\s+(?:my\s+|his\s+|her\s+|their\s+|the\s+)?"
     r"(?:[\w-]+\s+)?" + _MEDICINES + r"\b"),
    # Self-harm in its ways and reasons ("scratch my arms till they bleed", "burned my
    # arm with a lighter again", "it's the only thing that makes the noise stop").
    ("self_harm",
     r"\b(?:scratch\w*|cut\w*|pick\w*|claw\w*|bit\w*|hit\w*|punch\w*|bang\w*)\s+(?:at\s+)?"
     r"(?:my|his|her|their)\s+(?:[\w-]+\s+)?(?:arms?|wrists?|legs?|skin|thighs?|hands?|face|"
     r"stomach|head)\s+(?:till|until|so\s+(?:hard|much)\s+(?:that\s+)?)\s*(?:they|it|i|the\s+skin)\s+"
     r"(?:bleed\w*|bled|break\w*|broke|bruise\w*)\b"
     # (a cut shaving, a burn lighting candles, are accidents)
     r"|\b(?:burn\w*|cut\w*|scratch\w*|mark\w*)\s+(?:my|his|her|their)\s+(?:[\w-]+\s+)?"
     r"(?:arms?|wrists?|legs?|skin|thighs?|stomach)\s+with\s+(?:a|the|my|his|her)\s+"
     r"(?:lighter|razor|blade|compass|cigarette)\b(?![^.!?]{0,25}\b(?:shaving|while|"
     r"accident\w*|by\s+mistake))"
     r"|\b(?:burn\w*|cut\w*)\s+(?:myself|(?:my|his|her)\s+(?:arms?|wrists?|legs?|thighs?|skin|"
     r"stomach))\b[^.!?]{0,80}?\b(?:only\s+thing\s+that\s+(?:helps|works|makes|stops|calms)|"
     r"only\s+way\s+(?:to|i\s+can)\s+(?:cope|calm|feel|stop))\b"
     r"|\bonly\s+thing\s+that\s+(?:makes|keeps)\s+the\s+(?:noise|voices|thoughts)\s+"
     r"(?:stop|quiet|away)\b"),
    # An overdose of a named medicine, on purpose or in a number ("took extra of my
    # antidepressants on purpose", "swallowed about 20 of my oxy")
    ("overdose",
     r"\b(?:took|taken|swallowed|downed|had)\s+(?:extra|about|like|around|maybe|nearly|"
     r"over)?\s*(?:\d{2,3}|a\s+lot|loads|lots|all|the\s+whole\s+(?:bottle|pack|box))\s+"
     r"(?:of\s+)?(?:my|his|her|their|the)?\s*(?:[\w-]+\s+){0,2}" + _MEDICINES + r"\b"),
    # A rash that does not fade when pressed (meningitis, sepsis): here a negation means
    # the sign is there, so it is read as a pattern, not a word pair.
    ("non_blanching_rash",
     r"\b(?:rash|spots|dots|blotches|marks|bruises)\b[^.!?]{0,50}?\b(?:doesn'?t|don'?t|does\s+not|"
     r"do\s+not|won'?t|didn'?t|did\s+not|isn'?t|aren'?t|not|never)\s+(?:\w+\s+)?(?:fade|"
     r"fading|blanch|blanching|go\s+away|going\s+away|disappear|disappearing|go\s+white|"
     r"go\s+pale)\b"),
    ("non_blanching_rash",
     r"\b(?:rash|spots|dots|blotches|marks)\b[^.!?]{0,40}?\bstill\s+(?:there|visible|red|"
     r"purple|dark|showing)\s+(?:when|under|with|through|after)\b"),
    # A whole pack of any medicine, or a count of ten or more of one's own
    # ("swallowed a whole strip of my prednisolone", "took about 30 of my amitriptyline")
    ("overdose",
     r"\b(?:took|taken|swallowed|swallowing|downed|popped|necked)\s+"
     r"(?:(?:a|the|an\s+entire|a\s+full|the\s+entire|the\s+full)\s+)?(?:whole\s+)?"
     + _PACKS + r"\s+of\s+(?:(?:my|his|her|their|mum's|mom's|dad's)\b|(?:[\w-]+\s+)?"
     + _MEDICINES + r"\b)"),
    ("overdose",
     r"\b(?:took|taken|swallowed|downed|popped)\s+(?:about|like|around|maybe|nearly|over|"
     r"almost|at\s+least|roughly)?\s*(?:[1-9]\d|[1-9]\d\d)\s+of\s+(?:my|his|her|their)\s+"
     r"(?:[\w-]+\s+)?" + _MEDICINES + r"\b"),
    # Taking all of them at once, said as an intention ("thinking about taking all my
    # pills at once"); "can I take all my pills with breakfast" is not.
    ("overdose",
     r"\b(?:take|taking|swallow|swallowing|down|downing)\s+(?:all|every\s+one|the\s+lot)\s+"
     r"(?:of\s+)?(?:my|his|her|the|them|those)?\s*(?:[\w-]+\s+)?(?:" + _MEDICINES
     + r"\s+)?(?:at\s+once|in\s+one\s+go|tonight|and\s+(?:end|"
     r"be\s+done|not\s+wake|never\s+wake|go\s+to\s+sleep))\b"),
    # Pills set out ready ("I've got all my pills out in front of me", "tablets lined up")
    ("overdose",
     r"\b" + _MEDICINES + r"\b[^.!?]{0,25}?\b(?:out\s+)?(?:in\s+front\s+of\s+me|lined\s+up|"
     r"counted\s+out|laid\s+out|poured\s+out|in\s+my\s+hand|in\s+my\s+palm)\b"),
    # Hurting oneself on purpose, whatever the means ("pressed the hot iron on my arm on
    # purpose"); an accident is not on purpose.
    ("self_harm",
     r"\b(?:burn\w*|cut|cuts|cutting|press\w*|held|hold\w*|scratch\w*|carv\w*|stab\w*|"
     r"punch\w*|hit|hitting|bang\w*|scald\w*|slash\w*)\s+(?:[\w'’-]+\s+){0,4}?"
     r"(?:(?:my|his|her|their)\s+(?:[\w-]+\s+)?(?:arms?|wrists?|legs?|skin|hands?|thighs?|"
     r"stomach|face|head|fingers?|chest)|myself|himself|herself|themselves)\b[^.!?]{0,25}?"
     r"\b(?:on\s+purpose|deliberately|intentionally)\b"),
    # Wounds or burns where people hurt themselves ("burn marks on my daughter's wrists")
    ("self_harm",
     r"\b(?:cuts|burns|burn\s+marks|cut\s+marks|scars|slashes|gashes)\s+(?:all\s+)?"
     r"(?:on|over|up|along|across|down)\s+(?:(?:my|his|her|their)\s+)?(?:[\w'’]+\s+){0,2}"
     r"(?:wrists?|forearms?|thighs?)\b"),
    ("self_harm",
     r"\b(?:doing|done|did|does|do)\s+(?:it|this|that)\s+(?:to\s+(?:herself|himself|myself)\s+)?"
     r"with\s+(?:a|the|her|his|my)\s+(?:lighter|razor|blade|knife|compass|cigarette|"
     r"scissors|pencil\s+sharpener)\b"),
    ("overdose",
     r"\b(?:took|taken|swallowed|downed)\s+(?:extra|more|too\s+many|too\s+much)\s+(?:of\s+)?"
     r"(?:my|his|her)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:on\s+purpose|deliberately|intentionally)"),
    # Something that has not stopped ("the vomiting hasn't stopped since lunch", "he
    # hasn't stopped shaking"): negation words that say it goes on.
    ("persistent_vomiting",
     r"\b(?:vomiting|throwing\s+up|being\s+sick|puking|sick)\b[^.!?]{0,15}?\b(?:hasn'?t|has\s+not|"
     r"won'?t|will\s+not|doesn'?t|not)\s+(?:\w+\s+)?(?:stopped|stop|eased|settled)\b"
     r"|\b(?:haven'?t|hasn'?t|not)\s+stopped\s+(?:vomiting|throwing\s+up|being\s+sick|puking)\b"),
    ("shaking_chills",
     r"\b(?:haven'?t|hasn'?t|won'?t|not|can'?t)\s+(?:\w+\s+)?stop(?:ped)?\s+(?:shaking|shivering)\b"),
    ("breathing_difficulty",
     r"\b(?:haven'?t|hasn'?t|have\s+not|has\s+not|not)\s+been\s+able\s+to\s+(?:breathe|"
     r"catch\s+(?:my|his|her|their)\s+breath|get\s+(?:my|his|her|a)\s+breath)\b"),
    # Breathing fast, by the count or the word ("35 breaths a minute", "panting for
    # breath"): a sign of sepsis and of a breathing emergency.
    ("breathing_difficulty",
     r"\bpanting\b|\b(?:[3-9]\d)\s+breaths?\s+(?:a|per|each)\s+(?:minute|min)\b"),
    # Peeing far too often ("peeing every ten minutes")
    ("urinary_infection",
     r"\b(?:pee|peeing|wee|weeing|urinating|going\s+to\s+the\s+(?:toilet|loo|bathroom))\s+"
     r"(?:like\s+)?every\s+(?:few|couple\s+of|\d+|five|ten|fifteen|twenty)\s+(?:minutes|mins)\b"),
    # A head cut open ("cut my head on the shelf", "split his head open"); "my head is
    # splitting" is a headache, so a word pair of the lemmas would not do.
    ("head_injury",
     r"\b(?:cut|split|gashed|busted)\s+(?:open\s+)?(?:my|his|her|their|the)\s+(?:head|scalp|"
     r"skull|forehead)\b|\b(?:head|scalp|forehead)\s+(?:is\s+|was\s+)?(?:split|cut|gashed)\s+"
     r"open\b"),
    # A bleed that has gone on for a long time ("nosebleed for half an hour now")
    ("severe_bleeding",
     r"\b(?:nose\s*bleed|nosebleed|bleed|bleeding|bled)\b[^.!?]{0,25}?\bfor\s+(?:over\s+|more\s+than\s+|"
     r"about\s+|almost\s+|nearly\s+)?(?:half\s+an\s+hour|an\s+hour|(?:[2-9]\d|twenty|thirty|forty|"
     r"forty-five|fifty)\s*(?:minutes|mins)|\d+\s+hours|hours)\b"),
    # Peeing once or twice in a day ("only been for a wee once in 24 hours")
    ("low_urine",
     r"\b(?:only|just|barely)\s+(?:been\s+(?:to\s+the\s+(?:toilet|loo|bathroom)\s+)?(?:for\s+a\s+"
     r"(?:wee|pee)\s+)?|peed|weed|urinated|gone|went|had\s+a\s+(?:wee|pee))\s*(?:once|one\s+time|"
     r"twice)\b(?!\s+(?:a|an|every|each)\s+(?:night|hour))"),
    ("low_urine",
     r"\b(?:not|haven'?t|hasn'?t|hadn'?t)\s+(?:had\s+)?(?:a\s+)?(?:wee|weed|pee|peed)\s+"
     r"(?:all\s+day|since|today|for|in)\b"),
    # One limb bigger than the other (a clot)
    ("clot_signs",
     r"\b(?:leg|calf|arm|ankle|thigh)(?:'s|\s+is|\s+looks|\s+has\s+gone|\s+got|\s+seems)?\s+"
     r"(?:\w+\s+)?(?:fatter|bigger|thicker|puffier|more\s+swollen|larger|wider)\s+than\s+"
     r"(?:the|my|his|her)\s+other\b"),
    # A baby's signs of drying out ("only 2 wet nappies today", "soft spot looks sunken",
    # "hasn't had a wet nappy in 9 hours")
    ("dehydration",
     r"\b(?:hasn'?t|haven'?t|has\s+not|have\s+not|not|no)\s+(?:had\s+|done\s+|been\s+|"
     r"produced\s+|filled\s+)?(?:a|any|one)?\s*wet\s+(?:nappy|nappies|diaper|diapers)\b"),
    ("dehydration",
     r"\b(?:only|just|barely)\s+(?:had\s+)?(?:one|two|1|2|a\s+couple\s+of|a\s+couple|a)\s+"
     r"(?:wet\s+)?(?:nappies|nappy|diapers?)\b|\bbarely\s+wet\s+(?:a|her|his|one)\s+"
     r"(?:nappy|diaper)\b|\bsoft\s+spot\b[^.!?]{0,30}?\bsunk(?:en)?\b"),
    # A neck that will not bend ("screams when I bend his head forward")
    ("meningitis_signs",
     r"\b(?:bend|bending|tilt|tilting|move|moving|lower|lowering|put|putting|touch|touching|"
     r"bring|bringing)\s+(?:his|her|my|their|the)\s+(?:head|neck|chin)\s+(?:forward|down|"
     r"to\s+(?:his|her|my|their|the)\s+chest)\b"),
    # A neck that hurts to look down ("her neck hurts when she tries to look down at her
    # toes"): the bend that meningitis stops.
    ("meningitis_signs",
     r"\b(?:neck|head)\b[^.!?]{0,30}?\b(?:hurts?|hurting|pain|painful|sore|screams|cries|"
     r"crying)\b[^.!?]{0,30}?\b(?:(?:bend\w*|tilt\w*|put\w*\s+(?:his|her|my)\s+chin)\s+"
     r"(?:down|forward)|look\w*\s+down\s+at\s+(?:his|her|my|their)\s+(?:toes|feet|tummy|belly|"
     r"chest|knees))\b"
     r"|\b(?:can'?t|cannot|won'?t|unable\s+to)\s+(?:\w+\s+)?(?:look|bend)\s+down\s+at\s+"
     r"(?:his|her|my|their)\s+(?:toes|feet|tummy|belly|chest|knees)\b"),
    # A head struck, with words between ("cracked the back of my head on the step").
    ("head_injury",
     r"\b(?:hit|banged|bumped|smacked|cracked|whacked|struck|knocked|bashed)\s+(?:the\s+(?:back|"
     r"side|front|top)\s+of\s+)?(?:my|his|her|their)\s+head\s+(?:on|against|off|into)\b"),
    # Not keeping even a sip down (ACEP: severe vomiting): "can't keep even a sip of water
    # down". ("can't keep anything down" is the triage table's vomiting that won't stop.)
    ("severe_vomiting",
     r"\b(?:can'?t|cannot|couldn'?t|unable\s+to|not\s+able\s+to|won'?t)\s+keep\s+(?:even\s+"
     r"(?:a\s+(?:sip|drop|mouthful)\s+of\s+)?(?:water|fluids?|liquids?|drinks?|a\s+(?:sip|drop|"
     r"mouthful)|sips?)|a\s+(?:single\s+)?(?:sip|drop|mouthful)(?:\s+of\s+(?:water|anything))?)"
     r"\s+(?:\w+\s+){0,2}?down\b"),
    # Upper belly pain or pressure in lay words (ACEP; a heart attack can feel like it):
    # "pressure at the top of my stomach", "ache just under the ribs".
    ("upper_abdominal_pain",
     r"\b(?:pain|pressure|ache|aching|squeezing|tightness|discomfort|burning|cramp\w*)\b"
     r"[^.!?]{0,40}?\b(?:top\s+of\s+(?:my|his|her|the)\s+(?:stomach|belly|tummy|abdomen)|"
     r"(?:under|below|beneath)\s+(?:my|his|her|the)\s+(?:ribs|rib\s*cage|breastbone|sternum))"),
    # Jaw, back or arm discomfort of the heart's kind ("squeezing ache between my shoulder
    # blades", "jaw's aching"): with a cold sweat or sickness, a heart attack sign
    # (COMBINATIONS).
    ("jaw_or_arm_pain",
     r"\b(?:squeez\w*|crushing|tight|heavy|dull|pressing)\s+(?:ache|pain|feeling|pressure)\s+"
     r"(?:in|between|across|down)\s+(?:my|his|her)\s+(?:jaw|shoulder\s*blades|upper\s+back|"
     r"arms?|neck|shoulders?)\b"
     r"|\b(?:jaw|shoulder\s*blades?)(?:'s|\s+is|\s+has\s+been|\s+keeps)?\s+(?:\w+\s+)?"
     r"(?:aching|achy|hurting|sore|throbbing|killing)\b"),
    # A fall with a broken hip's signs (ACEP: sudden injury): can't get up, a leg
    # shorter or turned out.
    ("sudden_injury",
     r"\b(?:leg|foot|arm|wrist|ankle)\s+(?:looks|is|seems|has\s+gone)\s+(?:\w+\s+)?(?:shorter|"
     r"bent|deformed|the\s+wrong\s+way|at\s+a\s+(?:funny|weird|strange)\s+angle|turned\s+out|"
     r"twisted\s+out)\b"
     r"|\b(?:fell|fallen|had\s+a\s+fall)\b[^.!?]{0,60}?\b(?:can'?t|cannot|couldn'?t|unable\s+to)\s+"
     r"(?:\w+\s+)?(?:get\s+(?:up|herself\s+up|himself\s+up)|stand|put\s+weight)\b"),
    # Seeing flashing lights or blurring while pregnant (pre-eclampsia; ACEP: sudden
    # change in vision).
    ("sudden_vision_change",
     r"\bpregnan\w*\b[\s\S]{0,100}?\b(?:flashing\s+lights|flashes|seeing\s+(?:stars|spots|"
     r"sparkles|zigzags)|blurr(?:y|ed)\s+(?:vision|bits|spots|patches)|vision\s+(?:is\s+|has\s+"
     r"gone\s+|went\s+)?(?:blurry|blurred|funny|weird|fuzzy|dark))\b"),
    # Household products drunk ("has drunk some of the dishwasher liquid").
    ("poisoning",
     r"\b(?:drunk|drank|drink|swallowed|sipped|ate|eaten|licked)\s+(?:some\s+|a\s+bit\s+|a\s+"
     r"little\s+)?(?:of\s+)?(?:the|my|his|her|a|some)?\s*(?:dishwasher|washing[\s-]+up|laundry|"
     r"fabric\s+softener|descaler|disinfectant|oven\s+cleaner|toilet\s+cleaner|"
     r"nail\s+polish\s+remover|e-?liquid|vape\s+(?:juice|liquid))\b"),
    # Blood in a child's or anyone's runny poo or nappy, with words between.
    ("bloody_diarrhoea",
     r"\bblood\w*\s+(?:in|on)\s+(?:the\s+|my\s+|his\s+|her\s+)?(?:(?:little\s+one|baby|son|"
     r"daughter|toddler|kid|child|boy|girl)'?s\s+)?(?:runny|watery|loose|liquid)\s+"
     r"(?:poo|poop|stools?|nappy|diaper)\b"),
    # Mouth sores that stop eating or drinking ("mouth full of ulcers, so sore I've barely
    # eaten or drunk anything").
    ("mouth_sores_cannot_eat",
     r"\b(?:ulcers?|mouth\s+sores?|mouth|gums|tongue)\b[\s\S]{0,60}?\b(?:barely|hardly|can'?t|"
     r"cannot|not|haven'?t|hasn'?t)\s+(?:\w+\s+){0,2}?(?:eaten|eat|drunk|drink|swallow\w*)\b"),
    # A new cough bringing up coloured phlegm in lay words ("bringing up green stuff").
    ("chest_infection",
     r"\b(?:bringing|coughing|hacking|spitting|hawking)\s+up\s+(?:lots\s+of\s+|loads\s+of\s+|"
     r"some\s+|this\s+)?(?:green|yellow|brown|rusty)\b"
     r"|\bcough\w*\b[\s\S]{0,60}?\b(?:green|yellow|brown|rusty)\s+(?:stuff|gunk|muck|goo|"
     r"gloop|crud|gunge|slime|bits)\b"),
    # Low mood said of oneself ("feeling sad and flat this week", "bit low since my
    # diagnosis", "feeling a bit down about needing infusions"): like "depressed" and "feel
    # low" (UNLISTED), the danger questions and then the care team. Thoughts of dying are
    # CRISIS; lying down and blood sugar that is low are not mood.
    ("low_mood",
     r"(?:^|\bi\s+|\bi'?m\s+|\bim\s+|\bi'?ve\s+been\s+|\bjust\s+|\bso\s+|"
     r"\b(?:she|he|they)(?:'s|'re|\s+has|\s+have)\s+been\s+)"
     r"(?:feel\w*\s+|been\s+feeling\s+)?(?:a\s+bit\s+|a\s+little\s+|really\s+|so\s+|quite\s+|"
     r"very\s+|pretty\s+|kinda\s+|bit\s+)?(?:low|down|sad|flat|miserable|tearful|depressed|"
     r"hopeless|fed\s+up)\b(?!\s+(?:there|the\s+\w+|to\s+\w+|in\s+\w+|on\s+\w+|here|with\s+(?:the|a)\b|"
     r"sugar|blood|bp|battery|energy|iron))"
     r"(?=[^.!?]{0,60}\b(?:week|weeks|days|lately|since|today|all\s+the\s+time|crying|tears|"
     r"lonely|alone|about|flat|down|sad|low|fed\s+up)\b|\s*$)"),
    # Feeling off in no particular way, said of oneself ("feel a bit weird since my
    # infusion", "not quite myself", "something's not right"): CLINICAL.md's symptom
    # nobody listed (the danger questions, then the care team), unless a named complaint
    # in the sentence explains it. ("my throat feels funny" is a body part's report, and
    # "off my food" is appetite.)
    ("feeling_unwell",
     r"(?:^|\bi\s+|\bi'?m\s+|\bim\s+|\bjust\s+|\bhonestly\s+|\bstill\s+|\balso\s+|\band\s+)"
     r"(?:feel|feeling|felt)\s+(?:a\s+bit\s+|a\s+little\s+|kinda\s+|kind\s+of\s+|really\s+|"
     r"so\s+|very\s+|quite\s+|just\s+|all\s+|pretty\s+)?(?:weird|strange|odd|off|funny|wrong|"
     r"floaty|not\s+right)\b(?!\s+(?:asking|about|to\s+ask|saying|that|bothering|having\s+to|"
     r"messaging|writing|but|for\s+asking|work|my\s+food|food|colour|color))"
     r"|\bnot\s+(?:quite\s+|really\s+|feeling\s+)?myself\b"
     r"|\bsomething(?:'s|\s+is|\s+feels)\s+(?:not\s+right|off)\b(?!\s+with\s+(?:the|my)\s+"
     r"(?:app|appointment|booking|letter|pump|website|bill|email|phone))"),
    # "SOB", the charting abbreviation for short of breath, as patients who work in health
    # care text it ("v sob since infusion", "getting SOB on the stairs"); "I sob at night"
    # (crying) has none of these words around it.
    ("breathing_difficulty",
     r"\b(?:v|very|so|really|a\s+bit|abit|bit|getting|got|feeling|feel|feels|am|i'?m|im|"
     r"more|quite|super|pretty|slightly|mildly|increasingly)\s+sob\b"
     r"|\bsob\s+(?:since|after|during|when|with|on\s+exertion|at\s+rest|(?:and|n|&|\+)\s+"
     r"(?:wheez|chest|tight|dizzy))"),
    # Stroke (BE FAST: speech, arm): words that come out wrong and a hand or leg that will
    # not obey, however the sentence runs ("my words keep coming out wrong", "his left arm
    # won't do what he tells it").
    ("stroke_signs",
     r"\b(?:words?|speech|sentences?)\b[^.!?]{0,20}?\b(?:come|comes|came|coming)\s+out\s+"
     r"(?:all\s+)?(?:wrong|weird|funny|jumbled|garbled|scrambled|mixed\s+up|slurred|"
     r"backwards|muddled)\b"),
    ("stroke_signs",
     r"\b(?:hand|arm|leg|foot|fingers)\b[^.!?]{0,15}?\b(?:won'?t|doesn'?t|does\s+not|"
     r"will\s+not)\s+do\s+what\s+(?:i|he|she|they)\s+(?:tell|tells|want|wants|ask|asks)\b"),
    ("stroke_signs",
     r"\b(?:left|right|one)\s+(?:hand|arm|leg|foot)\b[^.!?]{0,15}?\b(?:won'?t|doesn'?t|"
     r"does\s+not|will\s+not|suddenly\s+(?:won'?t|can'?t))\s+(?:listen|obey|cooperate|"
     r"respond|work|move|grip|hold\s+(?:anything|things|a\s+cup|my\s+cup))\b"),
)

_PAINFUL_PARTS = ("throat", "back", "head", "neck", "ear", "ears", "stomach", "tummy", "belly",
                  "chest", "leg", "legs", "arm", "arms", "knee", "knees", "feet", "foot",
                  "tooth", "teeth", "hip", "hips", "joints", "eye", "eyes", "side", "bladder")
# Figures of speech that borrow danger words ("dying to know", "bored to death", "this wait
# is killing me", "my heart skipped a beat when I saw the bill", "I'm dead 😂"). The words
# inside them are no finding, and a message with nothing else is not a report.
FIGURES_OF_SPEECH: Tuple[str, ...] = (
    r"\bdying (?:to|for|of (?:boredom|laughter|embarrassment|curiosity))\b",
    r"\b(?:bored|scared|tired|worried|sick|freezing|starving|frightened|annoyed) to death\b",
    # (a body part that "is killing me" is a pain report: "my throat is killing me")
    "".join(f"(?<!{part} )" for part in _PAINFUL_PARTS)
    + r"\b(?:is|are|was|it'?s|its) killing me\b(?! with)",
    r"\bcould kill (?:for|a)\b",
    r"\b(?:i'?m|im|i am) (?:literally |actually )?dead\b(?=.*(?:lol|lmao|haha|😂|🤣|💀))",
    r"\bskipped a beat\b",
    r"\b(?:gave|give|giving|nearly had|almost had) (?:me )?a heart attack (?:when|at|over|seeing)\b",
    r"\bdeath warmed (?:up|over)\b",
    r"\bdead (?:tired|bored|on my feet)\b",
    r"\bover my dead body\b",
    r"\b(?:i'?d|i would|would) (?:rather|sooner) die than\b",
    r"\bshoot me now\b",
    r"\b(?:to|into) an early grave\b",
)

# --- Sepsis and meningitis ------------------------------------------------------------
SEPSIS_MENINGITIS: Tuple[Finding, ...] = (
    Finding(
        "non_blanching_rash", EMERGENCY, "a rash that does not fade when pressed",
        ("non-blanching", "non blanching", "nonblanching", 
         "rash doesn't fade", "rash does not fade", "doesn't fade when", "does not fade when",
         "doesn't go away when i press", "doesn't disappear when pressed", "glass test",
         "purple spots", "purple rash", "purple blotches", "purple dots", "petechiae",
         "pinprick spots", "pin prick spots", "tiny red dots that don't fade", "purpura",
         "rash that won't fade"),
        # (a rash that fades when pressed is the harmless kind: "doesn't fade" is read by
        # PATTERNS below, where the negation means the sign is there)
        near=(pair("rash spots dots blotches", "purple purplish", window=6),),
    ),
    Finding(
        "sepsis", EMERGENCY, "signs of sepsis",
        ("sepsis", "septic", "blood infection", "septic shock"),
    ),
    Finding(
        "clammy_skin", URGENT, "clammy, sweaty or mottled skin",
        ("clammy", "cold and clammy", "cold sweat", "a cold sweat",
         "in a cold sweat", "sweating buckets",
         "mottled skin", "skin is mottled", "blotchy skin", "pale and sweaty",
         "drenched in sweat", "mottled", "mottling", "cold and sweaty", "sweaty and cold",
         "grey and sweaty", "gray and sweaty", "grey and clammy", "gray and clammy",
         "ashen", "gone grey and", "gone gray and", "grey in the face", "gray in the face"),
    ),
    Finding(
        "shaking_chills", URGENT, "shaking chills (rigors)",
        ("shivering uncontrollably", "shivering like mad", "shaking like a leaf", 
         "shaking uncontrollably", "can't stop shaking", "teeth chattering",
         "uncontrollable shivering", "shaking so hard", "violent shivers",
         "so cold i'm shaking"),
    ),
)

# --- Infections when immunity is weak (the care team today) ---------------------------
INFECTIONS: Tuple[Finding, ...] = (
    Finding(
        "urinary_infection", URGENT, "burning, painful or frequent peeing",
        ("burns when i pee", "burning when i pee", "burning when peeing", "burning pee",
         "painful urination", "painful to pee", "hurts to pee", "hurts when i pee",
         "stings when i pee", "uti", "bladder infection", "urine infection",
         "kidney infection", "peeing all the time", "have to pee constantly",
         "cloudy urine", "smelly urine", "burning urine"),
        near=(pair("pee peeing urinate urinating urination urine wee weeing",
                   "burn burns burning sting stings stinging hurts painful pain frequent "
                   "cloudy smelly", window=5),),
    ),
    Finding(
        "chest_infection", URGENT, "a new cough with fever or coloured phlegm",
        ("green phlegm", "yellow phlegm", "brown phlegm", "green mucus", "yellow mucus",
         "coughing up green", "coughing up yellow", "pneumonia", "chest infection",
         "bronchitis", "coloured phlegm", "colored phlegm", "rattly chest",
         "rattling chest"),
        near=(pair("phlegm mucus sputum", "green yellow brown colored coloured thick rusty",
                   window=4),),
    ),
    Finding(
        "skin_infection", URGENT, "a red, warm, spreading patch of skin",
        ("cellulitis", "abscess", "a boil", "oozing pus", "pus coming out", "infected cut",
         "infected wound", "red line going up"),
        # ("red and hot" cheeks are flushing: redness alone is no body word here)
        near=(pair("skin patch area redness spot wound cut",
                   "spreading spread spreads hot warm pus oozing infected", window=5),),
    ),
    # Eye, ear, genital and bowel infections and bleeding: for a weak immune system the
    # care team wants to hear the same day.
    Finding(
        "eye_infection", URGENT, "a red, sticky or weeping eye",
        ("pink eye", "pinkeye", "conjunctivitis", "eye is gunky", "gunky eye", "crusty eye",
         "eye is crusty", "eye is stuck shut", "eyes are stuck shut", "pus in my eye",
         "pus from his eye", "pus from her eye", "yellow discharge from", "sticky eye"),
        near=(pair("eye eyes eyelid", "gunky gunk crusty crust pus sticky weeping discharge "
                   "goop goopy", window=5),),
    ),
    Finding(
        "ear_discharge", URGENT, "an ear that leaks or weeps",
        ("ear is leaking", "ear leaking", "leaking from my ear", "discharge from my ear",
         "discharge from his ear", "discharge from her ear", "pus from his ear",
         "pus from her ear", "swimmer's ear", "swimmers ear"),
        near=(pair("ear ears", "leaking leaks leak discharge pus oozing weeping draining",
                   window=12),),
    ),
    Finding(
        "genital_infection", URGENT, "itching, soreness or discharge down below",
        ("thrush", "yeast infection", "discharge down there", "itchy down there",
         "sore down there", "burning down there", "vaginal discharge", "penile discharge"),
    ),
    Finding(
        "rectal_bleeding", URGENT, "blood from the back passage",
        ("blood on the toilet paper", "blood on the tissue", "blood in my poo", "blood in my poop",
         "blood in my stools", "bloody stools",
         "bleeding from my bottom", "bleeding from my back passage",
         "black tarry stool", "black poo"),
        near=(pair("poo poop stool stools bowel bottom toilet", "blood bloody bleeding",
                   window=5),),
    ),
    Finding(
        "shingles", URGENT, "a painful band of blisters (shingles)",
        ("shingles", "band of blisters", "stripe of blisters", "blisters on one side"),
    ),
    Finding(
        "bloody_diarrhoea", URGENT, "diarrhoea with blood, or lasting more than 2 days",
        ("bloody diarrhea", "bloody diarrhoea", "blood in my stool", "blood in stool",
         "blood in his stool", "blood in her stool", "blood in poop", "blood in his poop",
         "blood in her poop", "bloody poop", "bloody stool", "black stool", "black poop",
         "tarry stool", "blood when i poop", "rectal bleeding"),
        near=(pair("poop poo stool stools diarrhea diarrhoea bowel nappy diaper pooping "
                   "pooped pooing pooed", "blood bloody black tarry", window=5),),
    ),
    Finding(
        "mouth_sores_cannot_eat", URGENT, "mouth sores that stop eating or drinking",
        ("can't eat or drink", "cant eat or drink", "can't swallow food or water",
         "hurts too much to eat", "hurts to eat", "too painful to eat", "too painful to drink",
         "can't eat", "cannot eat", "can't drink", "cannot drink",
         "too sore to eat", "too sore to drink", "won't eat or drink", "not drinking anything",
         "refusing to drink", "won't drink"),
    ),
    Finding(
        "dehydration", URGENT, "signs of dehydration",
        ("no tears", "no wet diapers", "no wet nappies", "dry diapers", "dry nappies",
         "sunken eyes", "sunken soft spot", "dehydrated", "severely dehydrated", "very dry mouth"),
        near=(pair("diaper diapers nappy nappies", "dry", window=4),),
    ),
)

# The infections of this section, and the fevers and durations that send them to the
# care team today (used by clinical/lexicon.py URGENT_OVER_SEVERE_INTENT).
INFECTION_FINDINGS = frozenset({
    "urinary_infection", "chest_infection", "skin_infection", "eye_infection",
    "ear_discharge", "genital_infection", "shingles", "high_fever", "fever",
    "infection_with_fever", "lasting_infection", "lasting_fever", "lasting_diarrhoea",
})

# --- Children (a parent writes) -------------------------------------------------------
# Age and fever together (a baby under 3 months) are read by the readings in the spaCy
# layer; these are the signs a parent names in words.
CHILDREN: Tuple[Finding, ...] = (
    Finding(
        "severe_belly_pain", EMERGENCY, "severe belly pain",
        ("severe belly pain", "severe stomach pain", "severe tummy pain",
         "screaming with tummy pain", "belly is hard and painful", "stomach is rock hard",
         "swollen hard belly"),
        near=(pair("belly stomach tummy abdomen abdominal", "severe excruciating unbearable "
                   "agony worst rigid awful terrible horrible doubled screaming", window=4),),
    ),
    Finding(
        "floppy_infant", EMERGENCY, "a baby who is floppy, very hard to wake or not feeding",
        ("goes floppy", "went floppy", "gone floppy", "is floppy", "red jelly", "redcurrant jelly", "blood in her diaper", "blood in his diaper", "blood in her nappy", "blood in his nappy", 
         "floppy baby", "baby is floppy", "very floppy", "really floppy", "so floppy",
         "all floppy", "won't feed", "not feeding", "refusing feeds",
         "weak cry", "high pitched cry", "high-pitched cry", "bulging soft spot"),
    ),
)

# --- Common self-limited complaints (self-care, with the signs that mean calling) -----
SELF_LIMITED: Tuple[Finding, ...] = (
    Finding(
        "common_cold", SELF_CARE, "a cold",
        ("a cold", "head cold", "runny nose", "stuffy nose", "blocked nose", "stuffed up",
         "congested", "congestion", "sneezing", "sniffles", "sniffly", "snotty",
         "common cold", "this cold", "my cold", "the cold", "bad cold", "chest cold",
         "cough", "coughing", "sinus", "sinuses", "sinus pain",
         "sinus pressure", "earache", "ear ache", "ear hurts", "ear pain",
         "pulling at his ear", "pulling at her ear", "tugging at his ear", "tugging at her ear",
         "ear infection"),
        category="minor_illness",
        # "ear's killing me", "my ears are throbbing"
        near=(pair("ear ears earache", "hurts hurting aching sore pain throbbing killing",
                   window=3),
              pair("cheekbones cheekbone sinuses forehead", "ache aches aching hurts hurting "
                   "pain pressure throbbing sore", window=4),
              # Coloured stuff from the nose (with a duration: CLINICAL.md's 10 days)
              pair("snot gunk goo boogers", "green yellow thick", window=4)),
    ),
    Finding(
        "sore_throat", SELF_CARE, "a sore throat",
        ("sore throat", "scratchy throat", "throat is sore", "throat hurts", "throat is scratchy",
         "strep", "throat is raw", "raw throat", "hurts to swallow", "swallowing hurts",
         "painful to swallow", "tonsillitis", "swollen tonsils"),
        category="minor_illness",
        near=(pair("throat tonsils", "killing sore raw scratchy burning agony painful",
                   window=3),),
    ),
    Finding(
        "seasonal_allergies", SELF_CARE, "seasonal allergies",
        ("hay fever", "hayfever", "allergies", "pollen", "itchy eyes", "watery eyes",
         "seasonal allergy", "allergies are acting up"),
        category="minor_illness",
    ),
    Finding(
        "muscle_strain", SELF_CARE, "a pulled or strained muscle",
        ("pulled something", "tweaked something", "strained something", "put my back out", "did my back in", 
         "pulled a muscle", "pulled muscle", "strained my back", "strained a muscle",
         "tweaked my back", "sore back", "back is sore", "twisted my ankle", "sprained",
         "sprain", "stiff back", "lower back pain"),
        category="aches",
        # "my back is killing me after the chair, just stiff"
        near=(pair("back", "killing stiff achy aching", window=3),),
    ),
    # Foggy or "out of it": after an infusion usually tiredness; with a fever it is the
    # confusion among CDC's sepsis signs (COMBINATIONS).
    Finding(
        "foggy", SELF_CARE, "feeling foggy or out of it",
        ("out of it", "not with it", "spaced out", "spacey", "foggy", "brain fog",
         "bit muddled", "not thinking straight",
         "away with the fairies", "in a daze", "dazed"),
        category="fatigue",
    ),
    # An aching jaw, arm or shoulder alone is an ache; with a cold sweat, sickness,
    # breathlessness or light-headedness it is a heart attack sign (AHA; COMBINATIONS).
    Finding(
        "jaw_or_arm_pain", SELF_CARE, "pain in the jaw, arm or shoulder",
        ("jaw pain", "jaw ache", "aching jaw", "sore jaw", "arm pain", "left arm aches",
         "left arm hurts", "left arm pain", "shoulder pain"),
        category="aches",
        near=(pair("jaw arm arms shoulder shoulders", "ache aches aching hurts hurting pain "
                   "painful heavy sore throbbing rubbing clutching holding", window=4),),
    ),
    Finding(
        "dry_skin", SELF_CARE, "dry or itchy skin",
        ("dry skin", "skin is dry", "flaky skin", "eczema", "chapped"),
        category="rash",
    ),
    Finding(
        "mouth_ulcer", SELF_CARE, "a mouth ulcer",
        ("mouth ulcer", "mouth ulcers", "canker sore", "canker sores", "cold sore",
         "ulcer in my mouth", "sore in my mouth", "mouth sore", "mouth sores"),
        category="minor_illness",
    ),
    Finding(
        "constipation", SELF_CARE, "constipation",
        ("constipated", "constipation", "haven't pooped", "can't poop", "hard stools",
         "backed up"),
        category="digestion",
    ),
    Finding(
        "diarrhoea", SELF_CARE, "diarrhoea",
        ("diarrhea", "diarrhoea", "food poisoning", "the runs", "loose stools", "runny poop",
         "stomach bug", "tummy bug"),
        category="digestion",
    ),
)

# --- A symptom nobody listed ------------------------------------------------------------
# A body part with a word of trouble ("my foot feels weird", "lump under my arm"): never
# small talk. The general danger questions come first; then the care team is told.
UNLISTED: Tuple[Finding, ...] = (
    Finding(
        "unlisted_symptom", URGENT, "a symptom to check with the care team",
        ("lump", "a lump", "swollen glands", "swollen gland", "tingling", "pins and needles",
         "twitching", "numbness", "cramping", "bleeding", "nosebleed",
         "nose bleed", "vaginal bleeding", "discharge", "blurry vision", "blurred vision",
         "ringing in my ears", "hearing loss", "limping", "hair loss", "night sweats",
         "weight loss", "panic attack",
         "depressed", "hopeless", "feel low", "heartburn", "indigestion", "acid reflux",
         "toothache", "tooth ache", "metallic taste"),
        category="unlisted",
        near=(pair("head neck back belly stomach tummy abdomen hip knee knees shoulder cheek "
                   "eye eyes ear ears tooth teeth jaw skin toe toes finger fingers groin "
                   "foot feet leg legs arm arms hand hands wrist elbow ankle nail gums "
                   "tongue bottom breast testicle joint joints ribs pelvis kidney",
                   "hurt hurts hurting pain painful ache aches aching sore swollen swelling "
                   "numb tingly tingling weird strange funny lump bump burning throbbing "
                   "stabbing cramp cramping stiff bleeding bleeds itchy red twitching "
                   "spasm spasms lumpy tender bruised discoloured discolored ringing buzzing",
                   window=4),),
        screen_first=True,
    ),
    # Feeling unwell in no named way (PATTERNS: "feel weird", "not myself"). Screened and
    # then told to the care team like an unlisted symptom; but it names nothing, so it
    # never outweighs the classifier's reading of the rest of the message as an emergency
    # ("something's not right, my throat feels funny"): components/red_flag_detector.py.
    Finding(
        "feeling_unwell", URGENT, "feeling unwell in a way that is hard to name",
        (),
        category="unlisted",
        screen_first=True,
    ),
    Finding(
        "low_mood", URGENT, "feeling low, sad or down",
        (),
        category="unlisted",
        screen_first=True,
    ),
)
NAMES_NOTHING = frozenset({"feeling_unwell", "low_mood"})

GENERAL_FINDINGS: Tuple[Finding, ...] = (
    GENERAL_EMERGENCIES + CRISIS + SEPSIS_MENINGITIS + INFECTIONS + CHILDREN
    + SELF_LIMITED + UNLISTED
)
