"""Word lists the extraction rules use: one place to read and extend them.

Everything here is lower case. Verbs are lemmas (spaCy's lemmatizer output).
"""

from __future__ import annotations

# --- event taxonomy ----------------------------------------------------------
# event_type -> trigger lemmas (single words) and phrases (matched on lower-cased text).
EVENT_TRIGGERS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "denial": (
        frozenset({"deny", "dismiss", "reject", "dispute", "refute", "rebut", "debunk"}),
        ("propaganda", "not true", "fake news", "disinformation", "no breakthrough",
         "false claim", "untrue"),
    ),
    "control": (
        frozenset({"liberate", "capture", "recapture", "seize", "occupy", "retake", "retook",
                   "control", "controls", "hold", "liberation", "takeover"}),
        ("under control", "under ukrainian control", "under russian control",
         "under enemy control", "took control", "taken control", "take control",
         "in full control", "under ukrainian management", "below ukrainian management",
         "under the control", "full control", "regained control", "cleared of",
         "has taken", "have taken", "had taken", "took over"),
    ),
    "advance": (
        frozenset({"advance", "push", "penetrate", "breakthrough", "incursion", "offensive",
                   "thrust", "gain", "progress", "invade", "infiltrate", "counteroffensive",
                   "counter-offensive", "foothold"}),
        ("pushed into", "broke through", "moved into", "made gains", "gaining ground",
         "gained ground", "offensive actions", "offensive operations", "pushing into"),
    ),
    "repelled": (
        frozenset({"repel", "thwart", "repulse", "halt", "stop", "foil", "fend", "beat",
                   "rebuff", "contain"}),
        ("fought off", "beat back", "beaten back", "pushed back", "drove back",
         "driven back", "halted all attempts", "stopped ukrainian troops",
         "stopped russian troops"),
    ),
    "strike": (
        frozenset({"strike", "shell", "bomb", "shelling", "missile", "drone", "airstrike",
                   "hit", "bombard", "bombardment", "glide"}),
        ("drone strikes", "missile strike", "air strike", "carried out strikes", "shot down"),
    ),
    "attack": (
        frozenset({"attack", "assault", "storm", "raid", "counterattack", "counter-attack",
                   "provocation", "ambush"}),
        ("launched an attack", "cross-border attacks"),
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
# Order in which a sentence's triggers win when one sentence has several.
EVENT_PRIORITY = ("denial", "control", "repelled", "advance", "strike", "attack", "fighting",
                  "evacuation")

# --- attribution -------------------------------------------------------------
SPEECH_VERBS = frozenset({
    "say", "claim", "state", "report", "announce", "insist", "tell", "add", "write", "note",
    "declare", "confirm", "allege", "assert", "acknowledge", "admit", "accuse", "warn",
    "publish", "post", "describe", "call", "deny", "dispute", "dismiss", "reject", "indicate",
    "assess", "show", "estimate", "brief", "list", "advise", "mention",
})
SPEECH_NOUNS = frozenset({"statement", "declaration", "claim", "report", "update", "post",
                          "announcement", "assessment", "briefing", "video", "address"})
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "this", "that", "which", "who"})

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
)
UA_WORDS = (
    "ukraine", "ukrainian", "kyiv", "kiev", "zelensky", "zelenskiy", "zelenskyy", "syrskyi",
    "syrsky", "sybiha", "yermak", "podolyak", "podoliak", "budanov", "umerov", "tykhyi",
    "artjuch", "artyukh", "general staff", "sbu", "hur", "ukrinform", "kuleba", "shmyhal",
    "zaluzhny", "zaluzhnyi",
)
# Words that make a phrase side-neutral even if it names a country ("US officials on Russia").
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
GOVERNMENT_NOUNS = frozenset({"regime", "government", "authorities", "officials", "military",
                              "leadership", "side", "forces", "troops", "army", "general",
                              "staff", "master", "masters", "ally", "allies", "administration",
                              "spokesman", "spokeswoman", "official", "response", "statement",
                              "statements", "claim", "claims", "leader", "envoy", "ministry"})

# --- places ------------------------------------------------------------------
SETTLEMENT_NOUNS = frozenset({"settlement", "settlements", "village", "villages", "town",
                              "towns", "city", "cities", "hamlet", "hamlets", "locality",
                              "localities", "community", "communities"})
REGION_NOUNS = frozenset({"region", "regions", "oblast", "oblasts", "area", "province",
                          "provinces", "krai", "exclave", "territory", "district", "republic"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "into", "near", "around", "outside", "at", "inside",
                                   "across", "towards", "toward", "on", "from", "within",
                                   "throughout", "over", "to", "past", "beyond", "through"})
CAPTURE_VERBS = frozenset({"liberate", "capture", "recapture", "seize", "take", "occupy",
                           "retake", "enter", "storm", "encircle", "surround", "reach",
                           "clear", "control", "hold", "attack", "shell", "strike", "hit",
                           "evacuate"})
BEARINGS = {
    "north": 0.0, "northeast": 45.0, "north-east": 45.0, "east": 90.0, "southeast": 135.0,
    "south-east": 135.0, "south": 180.0, "southwest": 225.0, "south-west": 225.0,
    "west": 270.0, "northwest": 315.0, "north-west": 315.0,
}
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
})
COUNT_NOUNS = frozenset({"settlements", "villages", "towns", "localities", "communities",
                         "positions", "square", "kilometres", "kilometers", "miles"})
HEDGES = (
    "could not be independently verified", "could not independently verify",
    "cannot be independently verified", "could not immediately verify",
    "could not be verified", "not been independently verified", "has not been confirmed",
    "has not been officially confirmed", "not officially confirmed", "unconfirmed",
    "reportedly", "allegedly", "purportedly", "according to unverified",
    "impossible to verify", "no independent confirmation", "were unable to verify",
    "was unable to verify", "not independently confirmed",
)
