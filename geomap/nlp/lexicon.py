"""Word lists the extraction rules use: the one place to read and extend them.

Everything here is lower case. Verbs are lemmas (spaCy's lemmatizer output); a token
matches a list by its lemma or by :func:`stem`, a crude model-free stem that also
works in degraded mode (no lemmatizer).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude, model-free stem: lower case without -ing/-ed/-es/-s endings (only when
    four letters or more remain). Remembered per word (a corpus repeats its words)."""
    w = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def stems(words) -> frozenset[str]:
    """*words* and their stems."""
    return frozenset(stem(w) for w in words) | frozenset(words)

# --- event taxonomy ----------------------------------------------------------
# event_type -> trigger lemmas (single words) and phrases (matched on lower-cased text).
EVENT_TRIGGERS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "denial": (
        frozenset({"deny", "dismiss", "reject", "dispute", "refute", "rebut", "debunk"}),
        ("propaganda", "not true", "fake news", "disinformation", "no breakthrough",
         "false claim", "untrue", "are fake", "is fake", "are false", "is false",
         # in reported speech (session 7): "said the Russian claims were false"
         "were false", "was false", "were fake", "was fake", "were lies", "was a lie",
         "groundless", "baseless", "a fabrication", "are lies", "is a lie", "not correct",
         "do not correspond to reality", "does not correspond to reality", "fiction",
         # "called the claim false", "described the reports as false"
         "claim false", "claims false", "report false", "reports false", "statement false",
         "statements false", "as false", "as untrue",
         # session 8: "The claim was incorrect, Ukraine's General Staff said"
         "was incorrect", "were incorrect", "is incorrect", "are incorrect", "was inaccurate",
         "were inaccurate", "is inaccurate", "are inaccurate"),
    ),
    "control": (
        frozenset({"liberate", "capture", "recapture", "seize", "occupy", "retake", "retook",
                   "control", "controls", "hold", "liberation", "takeover", "regain",
                   "overrun", "overran", "reclaim", "seizure", "expel", "oust", "dislodge",
                   # a withdrawal hands the place to the other side (see WITHDRAWAL_WORDS)
                   "withdraw", "withdrawal", "retreat", "pullout", "abandon"}),
        ("under control", "under ukrainian control", "under russian control",
         "under enemy control", "took control", "taken control", "take control",
         "in full control", "under ukrainian management", "below ukrainian management",
         "under the control", "full control", "regained control", "cleared of",
         "has taken", "have taken", "had taken", "took over", "took the village",
         "took the town", "took the settlement", "took the city", "taken the village",
         "taken the town", "taken the settlement", "take the village", "fully liberated",
         # "pushed/drove/forced Ukrainian troops out of X": the place changes hands
         "troops out of", "forces out of", "units out of", "fighters out of",
         # machine-translated "took under control X", "established control over X"
         "took under control", "taken under control", "take under control",
         "established control", "establish control", "brought under control",
         # "Ukraine pulls its troops out of X", "units pulled back from X"
         "pulled out of", "pulls out of", "pull out of", "pulled back from", "pulls back from"),
    ),
    "advance": (
        frozenset({"advance", "push", "penetrate", "breakthrough", "incursion", "offensive",
                   "thrust", "gain", "progress", "invade", "infiltrate", "counteroffensive",
                   "counter-offensive", "foothold", "encircle", "encirclement", "surround",
                   "penetration", "wedge", "enter", "reach", "breach"}),
        ("pushed into", "broke through", "break through", "breaking through", "punch through",
         "moved into", "made gains", "gaining ground",
         "gained ground", "pushing into", "broke into", "broken into", "break into",
         "breaking into", "burst into",
         # Russian MoD formula: "improved their tactical position near X"
         "tactical position", "tactical situation",
         # session 9 (lead): wire copy's "pressing on towards X", "closing in on X",
         # "edging closer to X" (not "press" alone: "press service", "press conference")
         "pressing on", "pressed on", "presses on", "press on", "pressing towards",
         "pressing toward", "pressed towards", "pressed toward", "closing in on",
         "closed in on", "close in on", "closes in on", "edging closer", "edged closer",
         "edging towards", "edged towards", "inching closer", "inched closer",
         "inching towards", "inched towards", "creeping closer", "crept closer",
         "moving towards", "moved towards", "moving toward", "moved toward",
         "pushing towards", "pushed towards", "pushing toward", "pushed toward",
         # session 9 (long articles): "crossed into Russia's Kursk region"
         "crossed into", "cross into", "crossing into", "crosses into"),
    ),
    "repelled": (
        frozenset({"repel", "thwart", "repulse", "halt", "stop", "foil", "fend", "beat",
                   "rebuff", "contain", "repelled", "repulsed", "foiled", "thwarted"}),
        ("fought off", "beat back", "beaten back", "pushed back", "drove back",
         "held off", "hold off", "holding off", "holds off",  # session 9: not a holding
         "driven back", "thrown back", "threw back", "forced back", "halted all attempts",
         "stopped ukrainian troops",
         "stopped russian troops", "without success", "unsuccessfully", "unsuccessful",
         "to no avail", "failed to", "failed attempt"),
    ),
    "strike": (
        frozenset({"strike", "struck", "shell", "bomb", "shelling", "missile", "drone",
                   "airstrike", "hit", "bombard", "bombardment", "glide",
                   # "inflicted losses on Ukrainian manpower in the areas of X and Y"
                   "inflict"}),
        ("drone strikes", "missile strike", "air strike", "carried out strikes", "shot down"),
    ),
    "attack": (
        frozenset({"attack", "assault", "storm", "raid", "counterattack", "counter-attack",
                   "provocation", "ambush"}),
        ("launched an attack", "cross-border attacks", "attempted to advance",
         "tried to advance", "trying to advance", "tries to advance", "try to advance",
         "attempting to advance",
         # ISW and General Staff: "continued offensive operations near X" (gains are
         # "advanced"), "the enemy conducted offensive actions near X"
         "offensive operations", "offensive actions"),
    ),
    "fighting": (
        frozenset({"fight", "fighting", "clash", "battle", "combat", "fights", "skirmish"}),
        ("combat operations", "heavy fighting", "fierce fighting", "fights are ongoing"),
    ),
    "evacuation": (
        frozenset({"evacuate", "evacuation", "flee", "displace"}),
        ("forced evacuation", "fleeing the"),
    ),
}
# Control triggers that report a withdrawal: the side that withdrew loses the place, so
# the actor is the other side ("Ukrainian troops withdrew from X": X is Russia's). A
# trigger matches by its lemma or by the verb it depends on ("pulled its troops out of").
WITHDRAWAL_WORDS = frozenset({"withdraw", "withdrawal", "retreat", "pullout", "abandon",
                              "pull", "leave"})
# Nouns for a force ("pushed Ukrainian troops out of X": the troops lose X).
FORCE_NOUNS = frozenset({"troops", "forces", "units", "fighters", "soldiers", "militants",
                         "formations", "servicemen"})
# Words of saying nothing about a place: negated ("did not comment on X", "made no mention
# of the village", "declined to comment on X"), they keep the place out of the sentence's
# events (session 9, lead).
SILENCE_WORDS = frozenset({"mention", "comment", "confirm", "address", "acknowledge",
                           "refer", "elaborate", "specify"})
SILENCE_REFUSALS = frozenset({"decline", "refuse", "fail"})
# Order in which a sentence's triggers win when one sentence has several.
EVENT_PRIORITY = ("denial", "control", "repelled", "advance", "strike", "attack", "fighting",
                  "evacuation")

# --- attribution -------------------------------------------------------------
SPEECH_VERBS = frozenset({
    "say", "claim", "state", "report", "announce", "insist", "tell", "add", "write", "note",
    "declare", "confirm", "allege", "assert", "acknowledge", "admit", "accuse", "warn",
    "publish", "post", "describe", "call", "deny", "dispute", "dismiss", "reject", "indicate",
    "assess", "show", "estimate", "brief", "list", "advise", "mention",
    # machine-translated and agency copy: "the Ministry of Defence informed"
    "inform", "specify", "clarify", "emphasize", "emphasise", "stress", "explain",
})
# their stems, which the speech checks of toponyms and claims compare a word's stem with
SPEECH_STEMS = stems(SPEECH_VERBS)
SPEECH_NOUNS = frozenset({"statement", "declaration", "claim", "report", "update", "post",
                          "announcement", "assessment", "briefing", "video", "address"})
# Third-person speech and denial verbs a headline's parse may make a noun ("Kyiv dismisses
# report ..."); none of them is also a plural noun ("claims", "reports" are).
HEADLINE_VERBS = frozenset({"dismisses", "denies", "rejects", "says", "insists", "warns",
                            "admits", "confirms", "accuses", "refutes", "slams", "rebuts"})
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "this", "that", "which", "who"})
# Subjects of a speech verb that are evidence, not a source ("footage showed ...").
EVIDENCE_NOUNS = frozenset({"footage", "images", "video", "videos", "photos", "data",
                            "imagery", "image", "photo", "photographs", "pictures"})
# Heads above a trigger that make its event planned, wished or hypothetical.
IRREALIS = frozenset({"vow", "threaten", "plan", "promise", "want", "intend", "aim", "seek",
                      "prepare", "hope", "interest", "interested", "would", "could", "might",
                      "may", "will", "should", "try", "attempt", "bid", "regret", "protect",
                      "fail", "avoid", "prevent", "demand", "urge", "order", "ultimatum",
                      "must", "condition"})
# Heads that order an evacuation rather than plan it (session 9): "ordered the evacuation
# of X" reports the evacuation.
EVACUATION_ORDERS = frozenset({"order", "urge", "demand"})
# Nouns of an attack that "the attack was repelled" may refer back to (session 9, lead).
ATTACK_NOUNS = frozenset({"attack", "assault", "offensive", "push", "advance", "attempt",
                          "incursion", "raid", "breakthrough", "storming"})
# Subordinators that make a clause's event a condition, not a report (session 9).
CONDITIONALS = frozenset({"if", "unless"})
# Prepositions of a sequence whose clause shares its verb's plan ("intend to seize X before
# advancing on Y"; session 9).
SEQUENCE_PREPOSITIONS = frozenset({"before", "after", "until", "then"})
# Settlement nouns that, definite and with no name ("the town", "the village"), refer to
# the one settlement of the claims before (session 6's coreference).
COREFERENCE_NOUNS = frozenset({"town", "village", "city", "settlement"})
# Nouns a repel verb may take for what it stopped ("all the attempts were stopped", "stopped
# all the assaults"): with no place of its own, the repel is of the sentence's attacks.
REPELLED_NOUNS = frozenset({"attempt", "attempts", "attack", "attacks", "assault", "assaults",
                            "counterattack", "counterattacks", "bid", "bids", "try", "tries"})
# Heads that make an event an attempt, not a plan: an attempt that was repelled ("thwarted
# attempts to break through near X", "tries to counterattack, without success") is real.
ATTEMPT_HEADS = frozenset({"try", "attempt", "bid"})
MODAL_AUXILIARIES = ("will", "would", "could", "might", "may", "must", "should")
# Modals that, with "have" and a past participle, hedge a past event ("may have seized X")
# rather than plan one (session 8).
POSSIBILITY_MODALS = ("may", "might")
# Event types a denial can dispute.
DISPUTABLE_EVENTS = ("control", "advance", "repelled", "attack", "strike")
# Possessives that make the actor the claimant's own side, and words for the other side.
OWN_SIDE_WORDS = (" its ", " our ", " we ", " us ")
ENEMY_WORDS = ("enemy", "occupier", "occupiers", "invader")
# What a denial must name for the sentence to deny a claim (a regular expression).
DENIAL_OBJECT_PATTERN = (r"claim|declar|report|statement|propaganda|fake|lie|false|"
                         r"untrue|not true|trick|breakthrough|disinformation")
# Pronoun objects of a denial verb that stand for the claim before ("... took X. Ukraine's
# military denied it."; session 7).
DENIED_PRONOUNS = frozenset({"it", "this", "that", "them"})
# Nouns for a reported claim: an event inside one is denied when the sentence denies.
REPORT_NOUNS = frozenset({"report", "claim", "allegation", "rumour", "rumor", "statement",
                          "information", "news", "assertion"})
# Phrases that frame an event as history (the claim gets kind "background").
BACKGROUND_MARKERS = (
    "at the start of its invasion", "at the start of the invasion", "at the start of the war",
    "at the beginning of the war", "at the beginning of its invasion",
    "at the beginning of the invasion", "at the start of the full-scale",
    "at the beginning of the full-scale", "in the early days of the war",
    "in the first days of the war", "in the first weeks of the war", "early in the war",
    "in the first months of the war", "back in 20", "briefly occupied", "first invaded",
    "since the start of the full-scale invasion", "in the spring of 2022",
    "in the autumn of 2022", "in the summer of 2022", "counteroffensive of 2022",
    "counteroffensive in 2022", "counter-offensive in 2022", "2022 counteroffensive",
)
# Sentences that say claims could not be checked (hedge every belligerent claim).
ARTICLE_HEDGES = ("independently verif", "independently confirm")
# Counted settlements ("74 settlements"): number words and the nouns counted.
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12}
VAGUE_QUANTITIES = ("dozens of", "several")
COUNT_MODIFIERS = ("more", "other", "further", "new", "russian", "ukrainian")
COUNTED_NOUNS = ("settlements", "villages", "towns", "localities", "communities", "hamlets")
# What the count of an attack or a repel counts ("repelled 11 attacks", "tried 38 times"):
# the General Staff's count per direction is kept on its attack and repelled claims.
ATTACK_COUNTED = ("times", "attacks", "assaults", "attempts", "clashes", "offensive actions",
                  "counterattacks", "counter-attacks",
                  "storming attempts", "combat engagements")

# Claimant side by words in the claimant's phrase (checked in this order).
INDEPENDENT_WORDS = (
    "institute for the study of war", "isw", "deepstate", "reuters", "associated press",
    "afp", "bbc", "cnn", "analyst", "analysts", "monitor", "monitors", "un ", "united nations",
    "osce", "iaea", "oryx", "rochan", "conflict intelligence team", "bellingcat",
    "critical threats", "think tank", "observers", "open-source", "osint", "journalists",
)
RU_WORDS = (
    "russia", "russian", "moscow", "kremlin", "putin", "gerasimov", "shoigu", "peskov",
    "zakharova", "belousov", "lavrov", "konashenkov", "medvedev", "starovoit", "khinshtein",
    "gladkov", "gusev", "rybar", "kadyrov", "akhmat", "wagner", "polyanskiy", "nebenzya",
    "military bloggers", "milbloggers", "war correspondents", "russian state media", "tass",
    "ria novosti", "interfax", "sputnik", "north group", "'north' group", "‘north’ group",
    # pro-war channels; the Russian-installed authorities of occupied regions
    "pro-war", "pro-kremlin", "z-channel", "dpr", "lpr", "donetsk people's republic",
    "luhansk people's republic", "lugansk people's republic", "russian-installed",
    "moscow-installed", "kremlin-installed", "russia-installed",
)
UA_WORDS = (
    "ukraine", "ukrainian", "kyiv", "kiev", "zelensky", "zelenskiy", "zelenskyy", "syrskyi",
    "syrsky", "sybiha", "yermak", "podolyak", "podoliak", "budanov", "umerov", "tykhyi",
    "artjuch", "artyukh", "general staff", "sbu", "hur", "ukrinform", "kuleba", "shmyhal",
    "zaluzhny", "zaluzhnyi",
    # Ukrainian institutions by their own terms: regional, city and community military
    # administrations (Russia's occupation bodies are "military-civilian"), operational
    # groups, the State Border Guard Service
    "military administration", "operational-tactical group", "operational-strategic group",
    "operational tactical group", "operational strategic group", "border guard service",
    "defence forces of the south", "defense forces of the south", "southern defence forces",
    "southern defense forces",
)
# Words that make a phrase side-neutral even if it names a country ("US officials on Russia").
# A named region's own officials speak for the country that governs it (session 7): "Kursk
# regional officials", "regional officials in Belgorod", "officials in the Sumy region". Only
# regions one side alone administers; Donetsk, Luhansk, Zaporizhzhia, Kherson and Crimea have
# officials of both sides (Russian-installed ones), so their officials give no side.
OFFICIAL_WORDS = ("official", "officials", "authorities", "administration", "governor",
                  "regional head", "region head")
REGION_SIDES = {
    "RU": ("kursk", "belgorod", "bryansk", "voronezh", "rostov", "oryol", "orel", "lipetsk",
           "krasnodar", "smolensk", "kaluga", "tula", "tambov"),
    "UA": ("sumy", "kharkiv", "kharkov", "dnipropetrovsk", "mykolaiv", "odesa", "odessa",
           "chernihiv", "poltava", "zhytomyr", "kirovohrad", "cherkasy", "vinnytsia", "lviv",
           "rivne", "volyn"),
}

# A military source named generically (session 9): with no antecedent, the command of the
# side whose forces act in its sentence.
GENERIC_COMMANDS = frozenset({
    "the ministry", "the defence ministry", "the defense ministry", "the ministry of defence",
    "the ministry of defense", "the general staff", "ministry", "defence ministry",
    "defense ministry", "the military", "the army"})
# Ukraine's regions that Russia also claims and partly administers (officials of both sides).
CONTESTED_REGIONS = frozenset({"UA-14", "UA-09", "UA-23", "UA-65", "UA-43", "UA-40"})

FOREIGN_WORDS = ("u.s.", "us ", "united states", "white house", "pentagon", "nato", "biden",
                 "trump", "blinken", "lithuania", "finland", "germany", "britain", "france",
                 "european", "eu ", "pope", "vatican", "china", "beijing", "north korea",
                 "south korea")

# Capitals and buildings that stand for governments (metonymy -> role "actor").
GOVERNMENT_CAPITALS = frozenset({"kyiv", "kiev", "moscow", "washington", "minsk", "beijing",
                                 "london", "paris", "berlin", "brussels", "ankara", "tehran",
                                 "pyongyang", "warsaw", "vilnius"})
GOVERNMENT_BUILDINGS = ("kremlin", "white house", "pentagon", "downing street", "bankova",
                        "elysee", "élysée", "state department", "whitehall", "capitol hill")
# --- places ------------------------------------------------------------------
# Countries of the war's ground claims: when the items of a list of villages lie far
# apart, the namesakes outside these countries are the wrong ones.
THEATRE_COUNTRIES = ("RU", "UA")
#: Russia's regions on the front line (with Ukraine, the theatre of the war).
FRONT_REGIONS = frozenset({"RU-KRS", "RU-BEL", "RU-BRY"})
# spaCy entity labels that are never places (dates, numbers, demonyms ...).
NON_PLACE_ENTITY_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY",
                                     "MONEY", "PERCENT", "NORP", "LANGUAGE", "LAW", "EVENT"})
# A word after a name that makes it a region ("Kursk region") or a settlement ("Sudzha
# town"). The gazetteer strips its own region words from a query
# (gazetteer.normalize.REGION_WORDS); "district" (a raion, below admin-1) and "regions"
# are read as region words here but the gazetteer looks them up as written (a test pins
# this).
REGION_SUFFIXES = frozenset({"region", "oblast", "area", "province", "krai", "governorate",
                             "oblast'", "district", "regions"})
# A name followed by one of these is a body of water, never a settlement ("the Seym river").
WATER_NOUNS = frozenset({"river", "lake", "reservoir", "canal", "sea", "bay", "estuary",
                         "lagoon", "strait"})
SETTLEMENT_SUFFIXES = frozenset({"village", "town", "city", "settlement"})
# Words skipped between a slot word and the name ("near the embattled town of X").
NAME_MODIFIERS = frozenset({"the", "its", "their", "his", "her", "our", "a", "an", "this",
                            "that", "western", "eastern", "northern", "southern",
                            "southwestern", "southeastern", "northwestern", "northeastern",
                            "central", "russian", "ukrainian", "russia's", "ukraine's",
                            "embattled", "border", "frontline", "front-line", "occupied", "key",
                            "strategic", "small", "nearby", "neighbouring", "neighboring",
                            "town", "village", "city", "settlement", "of", "region",
                            "direction", "area", "areas", "vicinity", "control"})
# Locative prepositions that put a place close to the event ("near X"), not just in it.
NEAR_PREPOSITIONS = frozenset({"near", "around", "outside", "inside", "into", "towards",
                               "toward", "under"})
# Words before a place that say the event was on the way to it, not at it (session 7).
TOWARD_PHRASES = frozenset({("direction", "of"), ("approaches", "to"), ("approaches", "of"),
                            ("outskirts", "to"), ("outskirts", "of")})  # session 9
TOWARD_NOUNS = frozenset(noun for noun, _ in TOWARD_PHRASES)
DISTANCE_UNITS = ("km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mi")
# Words between a name and the preposition of its reference point ("Basivka, just over
# the border from Sumy", "Sudzha, some 10 km from ...").
ANCHOR_FILLERS = frozenset({"just", "over", "across", "the", "border", "frontier", "about",
                            "some", "roughly", "around", "located", "situated", "which",
                            "is", "lies", "a", "few", "only", "village", "town", "of",
                            "hamlet", "settlement", "city", "small", "tiny", "nearby"})
# Words between a held place and "under ... control" ("X is still under the control of
# Kyiv", "X remains firmly under Ukrainian control"), and between "under" and "control".
HOLDING_WORDS = frozenset({"is", "are", "was", "were", "remains", "remain", "remained",
                           "stays", "stay", "stayed", "still", "now", "firmly", "fully",
                           "entirely", "completely", "largely", "back", "has", "have",
                           "been"})
CONTROL_FILLERS = frozenset({"the", "full", "firm", "complete", "effective", "total",
                             "russian", "ukrainian", "enemy", "kyiv's", "moscow's"})
# Heads of "the city of X" and "the region of X" that hint the kind of X.
SETTLEMENT_HEADS = ("city", "town", "village", "settlement")
REGION_HEADS = ("region", "oblast", "province", "exclave", "regions", "area")
# Regions of a kind that is not an admin-1 unit ("the district of X").
MINOR_REGION_NOUNS = ("district", "territory", "republic")
SETTLEMENT_NOUNS = frozenset({"settlement", "settlements", "village", "villages", "town",
                              "towns", "city", "cities", "hamlet", "hamlets", "locality",
                              "localities", "community", "communities"})
# "in the area(s) of X, Y and Z", "on the outskirts of X": the vicinity of settlements (the
# Russian defence ministry's "in the areas of the settlements"), not a region named X.
VICINITY_NOUNS = frozenset({"area", "areas", "vicinity", "outskirts", "environs"})
REGION_NOUNS = frozenset({"region", "regions", "oblast", "oblasts", "area", "areas",
                          "province",
                          "provinces", "krai", "exclave", "territory", "district", "republic"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "into", "near", "around", "outside", "at", "inside",
                                   "along",
                                   "across", "towards", "toward", "on", "from", "within",
                                   "throughout", "over", "to", "past", "beyond", "through",
                                   "under", "out"})
CAPTURE_VERBS = frozenset({"liberate", "capture", "recapture", "seize", "take", "occupy",
                           "retake", "enter", "storm", "encircle", "surround", "reach",
                           "clear", "control", "hold", "attack", "shell", "strike", "hit",
                           "evacuate"})
# Verb forms whose object is a place (with CAPTURE_VERBS, by stem).
CAPTURE_FORMS = frozenset({"liberated", "captured", "seized", "took", "taken", "entered",
                           "stormed", "occupied", "retook", "recaptured", "reached", "struck",
                           "regained", "retaken", "overran", "encircled", "surrounded", "held",
                           "holding", "holds"})
# Nouns whose "of" names a place ("control of X", "the liberation of X").
CAPTURE_NOUNS = frozenset({"control", "capture", "liberation", "seizure", "recapture",
                           "occupation", "encirclement", "storming", "outskirts", "shelling",
                           "bombardment", "defence", "defense", "retaking", "fall", "centre",
                           "center", "part", "parts", "rest", "remainder", "entrance",
                           "evacuation"})  # "the evacuation of X" (session 9)
# Words after a name that make it an axis of operations, not a place ("the Pokrovsk
# direction", "the Kursk sector"): context, never a claim's place.
AXIS_WORDS = frozenset({"direction", "directions", "sector", "axis", "front", "salient",
                        "bridgehead", "operational"})
# Plural axis words after a list of names ("in the Pokrovsk and Kupiansk directions").
PLURAL_AXIS_WORDS = frozenset({"directions", "sectors", "axes", "fronts", "salients"})
BEARINGS = {
    "north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0,
    "south-east": 135.0, "south": 180.0, "southwest": 225.0, "south-west": 225.0,
    "west": 270.0, "northwest": 315.0, "north-west": 315.0,
}
# Words before a name that make it a person ("Governor Smirnov", "General Syrskyi").
PERSON_TITLES = frozenset({
    "governor", "gov", "general", "gen", "minister", "commander", "spokesman",
    "spokeswoman", "spokesperson", "president", "colonel", "col", "lieutenant", "lt",
    "major", "maj", "captain", "mr", "mrs", "ms", "dr", "sergeant", "admiral", "marshal",
    "mayor", "deputy", "adviser", "advisor", "aide", "blogger", "analyst", "correspondent",
    "officer", "chief", "secretary", "senator", "ambassador", "envoy", "patriarch",
})
# Capitalised words that are never place names on their own in this domain.
NOT_PLACES = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "president", "governor", "minister", "ministry", "general", "army", "defence", "defense",
    "telegram", "comments", "latest", "read", "more", "also", "skip", "content", "members",
    "public", "reuters", "editing", "reporting", "writing", "god", "pope", "mr", "mrs", "ms",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "yesterday", "chief", "staff", "employees",
    "air force", "air force one", "second world war", "world war", "un", "nato", "eu",
    "kremlin", "white house", "pentagon", "new", "group", "front", "state", "border",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "russian", "ukrainian", "russians", "ukrainians", "american", "european", "soviet",
    "korean", "north korean", "south korean", "chechen", "belarusian",
    # weapons written in capitals ("an FPV drone hit a house")
    "fpv", "uav", "uavs", "kab", "kabs", "himars", "atacms", "mlrs", "shahed", "shaheds",
    "lancet", "iskander",
})
# Words after a name that make it a military unit or group of forces, never a place: "the
# Vostok group", "the Tsentr grouping", "the Dnipro Operational-Strategic Group", "the Sever
# group of forces" (the name may also be a settlement's: Vostok, Dnipro, Kharkiv).
UNIT_HEADS = frozenset({
    "group", "groups", "grouping", "groupings", "battlegroup", "operational",
    "operational-strategic", "operational-tactical", "army", "corps", "brigade", "division",
    "regiment", "battalion",
})
# Objects of a capture verb that make it an advance: "regained positions near X".
POSITION_NOUNS = frozenset({"position", "positions", "stronghold", "strongholds", "foothold",
                            "trench", "trenches", "line", "lines", "ground"})
# Verbs of holding: "holding the line near X" is control, not an advance.
HOLD_VERBS = frozenset({"hold", "control", "keep", "maintain", "retain", "defend"})
# Words of air defence: a place "over" which drones were shot down is where they flew, not
# a strike ("shot down 20 drones over the Belgorod region").
INTERCEPTION_WORDS = ("shot down", "intercepted", "downed", "destroyed", "neutralised",
                      "neutralized", "air defence", "air defense", "intercept")
# Words between "over" and a place of its list: "over the Bryansk and Kursk regions".
LIST_GLUE = frozenset({"the", "and", ",", "or", "region", "regions", "oblast", "oblasts",
                       "territory", "of", "'s"})
# How a region's name ends when written with its region word, in the three languages:
# "Kursk region", "Donetsk Oblast", "Курской области", "Сумській області".
REGION_WORD_STEMS = ("region", "oblast", "province", "krai", "област", "обл")
# Nouns after a name that make it a district: "Dronovka in the Graivoron district".
DISTRICT_WORDS = frozenset({"district", "districts", "raion", "rayon", "community",
                            "hromada", "municipality", "municipal", "urban", "okrug"})
HEDGES = (
    "could not be independently verified", "could not independently verify",
    "cannot be independently verified", "could not immediately verify",
    "could not be verified", "not been independently verified", "has not been confirmed",
    "has not been officially confirmed", "not officially confirmed", "unconfirmed",
    "reportedly", "allegedly", "purportedly", "according to unverified",
    "impossible to verify", "no independent confirmation", "were unable to verify",
    "was unable to verify", "not independently confirmed",
    # session 8: "Russian forces may have seized X"
    "may have", "might have",
)

#: Characters that open a bulleted line ("- Novoyehorivka, Kharkiv region;", "— Успеновка;").
BULLETS = ("-", "–", "—", "•", "*", "·")

#: Words that open the named items of a counted settlement noun before them ("five
#: settlements ..., including A and B"; session 8).
LIST_OPENERS = frozenset({"including", "among"})
#: Pronouns between a list opener and its items ("among them A and B"; session 9).
LIST_PRONOUNS = frozenset({"them", "which", "those", "these"})

# Verbs whose place is their subject (session 9, long articles): "Bakhmut fell in May 2023",
# "Avdiivka, which fell in February 2024" -> control (a shell or debris that fell is none).
PLACE_SUBJECT_VERBS = frozenset({"fall"})
# Prepositions after "fell" of something landing ("debris fell on a school"): no capture.
LANDING_WORDS = frozenset({"on", "onto", "upon", "into", "over", "across", "near", "from"})

#: Verbs that report a capture only when their object is a place name or a settlement noun
#: ("took Selydove", session 7; "cleared Pishchane", "cleared the village", session 8), not
#: otherwise ("took part", "cleared mines").
PLACE_OBJECT_VERBS = frozenset({"take", "clear"})

#: Words of a correction that withdraws an earlier report: its claims are none (session 8).
RETRACTIONS = ("an earlier version", "wrongly said", "wrongly reported", "wrongly stated",
               "incorrectly said", "incorrectly reported", "incorrectly stated",
               "mistakenly said", "mistakenly reported", "erroneously said",
               "erroneously reported")

#: Words that make the trigger under them a cause of the sentence's other event ("because of
#: shelling", "due to strikes", "amid attacks", "citing shelling"; session 8).
CAUSE_WORDS = frozenset({"because", "due", "owing", "amid", "amidst", "citing"})

#: Words after a passive "taken" that make it a movement or an arrest, not a capture of its
#: subject ("was taken to Kursk", "taken into custody", "taken prisoner"; session 8).
NOT_CAPTURED_TO = frozenset({"to", "into", "prisoner", "captive", "hostage", "away", "off"})
