"""Word lists the extraction rules read: rules as data, so a new cue is a one-line change."""

from __future__ import annotations

import re

# Head words that give a newly named organisation its type ("Frontier Works Organisation").
ORG_HEADS: dict[str, str] = {
    **dict.fromkeys("""Ministry Department""".split(), "Ministry"),
    **dict.fromkeys("""Agency Authority Bureau Commission Council Board Directorate Office
        Organisation Organization Division Corps Secretariat Cell Unit Committee Institute
        Administration Service Wing Complex Cabinet Tribunal""".split(), "GovernmentAgency"),
    **dict.fromkeys("""Centre Center""".split(), "GovernmentAgency"),
    **dict.fromkeys("""Army Navy Force Forces Command""".split(), "ArmedForces"),
    **dict.fromkeys("""Financial Finance Metals Minerals Mining Corporation Corp Inc Ltd Limited LLC
        PLC Company Group Holdings Energy Petroleum Capital Technologies Resources Partners Bank
        Exchange Gold Copper Industries Enterprise Enterprises Motors Airlines Ventures
        Labs Systems Television Broadcasting Co B.V. N.V. GmbH""".split(), "Company"),
    **dict.fromkeys("""Brigade Front Movement Lashkar Jaish Tehreek Taliban""".split(), "ArmedGroup"),
    **dict.fromkeys("""Fund Foundation Endowment Institution Coalition Alliance Forum Association
        Federation University College""".split(), "Organization"),
}
# Words inside a name that refine the type.
INTELLIGENCE_WORDS = frozenset({"Intelligence", "Fusion"})
# Words that cannot start or sit inside a new organisation's name.
NAME_STOPWORDS = frozenset({"The", "A", "An", "This", "That", "These", "Its", "His", "Her",
                            "Their", "Our", "In", "On", "At", "For", "By", "From", "With",
                            "And", "But", "Under", "After", "Before", "While", "As"})
# Capitalised words that are never a place's name ("of July in Washington").
NOT_PLACES = NAME_STOPWORDS | frozenset("""January February March April May June July August September October
    November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Officials Police Troops
    Parliament Government President Minister Chief Army People Opposition Hall House Assembly Senate""".split())
NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "de", "al", "&"})

# Titles before a person's name: "CIA Director John Ratcliffe", "Field Marshal Asim Munir".
TITLES = sorted("""
    President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|
    Finance Minister|Interior Minister|Defence Minister|Defense Minister|Minister|
    Information Minister|Commerce Minister|Petroleum Minister|Minister of State|
    Secretary of State|Secretary|Treasury Secretary|Commerce Secretary|Defense Secretary|
    Director|Director General|Director-General|Deputy Director|Chief Executive|CEO|Chairman|
    Chairperson|Chair|Chief|Commander|Ambassador|Envoy|Special Envoy|Senator|Governor|
    Chief Minister|Field Marshal|General|Gen.|Lt. Gen.|Lt Gen|Lieutenant General|
    Major General|Maj. Gen.|Brigadier|Admiral|Air Chief Marshal|Spokesperson|Spokesman|
    Adviser|Advisor|National Security Adviser|Trade Representative|King|Crown Prince|
    Supreme Leader|Emir|Sheikh|Co-founder|co-founder|founder|Founder|Judge|Justice|
    Chief Justice|Attorney General|Ambassador-at-Large|President-elect|Premier|army chief|
    Army chief|Chief of Army Staff|chief of army staff|Lieutenant General|Chief Spokesman|
    Chief Spokesperson|Deputy National Security Adviser|Special Secretary|Chief Negotiator|Foreign Secretary|
    Commerce Secretary|Homeland Security Secretary|Coordinator|Special Representative|
    US Trade Representative|Chief Executive Officer|Executive Director|Managing Director|
    Spokeswoman|Mayor|Chief Prosecutor|Prosecutor|Inspector General|Inspector General of Police|
    Chief of the Army Staff|Chief of the Air Staff|Chief of Air Staff|Chief of the Naval Staff|
    Chief of Naval Staff|Chief of the Defence Staff|Chief of Defence Staff|
    Congressman|Congresswoman|Chief Adviser
""".replace("\n", "").split("|"), key=len, reverse=True)
TITLE_BY_LOWER = {t.strip().lower(): t.strip() for t in TITLES if t.strip()}
# Any "<Word> Minister" is a title too ("Planning Minister", "Railways Minister").
# and so is "Minister of Finance", "Deputy Minister for Foreign Affairs".
TITLE_RE = (r"(?:[A-Z][a-z]+ )?Minister(?: (?:of|for) [A-Z][a-z]+(?: and [A-Z][a-z]+)?(?=[ ,]))?|"
            + "|".join(re.escape(t.strip()) for t in TITLES if t.strip()))
# Titles that make their holder a leader of the organisation or state named before them.
LEADER_TITLES = frozenset(t.strip() for t in """President|Prime Minister|Director|Director General|
    Director-General|Chief Executive|CEO|Chairman|Chairperson|Chair|Chief|Commander|King|Crown Prince|
    Supreme Leader|Emir|Field Marshal|General|Governor|Chief Minister|Foreign Minister|Finance Minister|
    Interior Minister|Defence Minister|Defense Minister|Minister|Secretary of State|Secretary|
    Treasury Secretary|Commerce Secretary|Defense Secretary|Founder|Co-founder|co-founder|founder|
    Army chief|army chief|Chief of Army Staff|Premier|Vice President|Chief Executive Officer|
    Executive Director|Managing Director|Attorney General|Trade Representative|US Trade Representative|
    Homeland Security Secretary|Mayor|Inspector General|Inspector General of Police|Chief of the Army Staff|
    Chief of the Air Staff|Chief of Air Staff|Chief of the Naval Staff|Chief of Naval Staff|
    Chief of the Defence Staff|Chief of Defence Staff|Chief Adviser""".replace("\n", "").split("|"))
# Offices of one state's government: no need for the text to name the state.
US_OFFICES = frozenset({"Secretary of State", "Attorney General", "Commerce Secretary", "Treasury Secretary",
                        "Defense Secretary", "Trade Representative", "US Trade Representative",
                        "Homeland Security Secretary"})
CHINA_OFFICES = frozenset({"Premier"})
# Offices whose holder leads, or sits in the government of, the state they are a national of.
STATE_OFFICES = frozenset({"President", "Prime Minister", "Vice President", "Deputy Prime Minister",
                           "King", "Crown Prince", "Supreme Leader", "Emir", "Foreign Minister",
                           "Finance Minister", "Interior Minister", "Defence Minister", "Defense Minister",
                           "Minister", "Foreign Secretary", "National Security Adviser",
                           "Deputy National Security Adviser", "Attorney General", "Chief Justice",
                           "Chief Adviser", "Inspector General of Police"})
# Groups that run a state's government: "the Taliban's foreign minister" is Afghanistan's.
GOVERNING_GROUPS = {"Taliban": "Afghanistan"}
ARMY_CHIEF = frozenset({"army chief", "Army chief", "Chief of Army Staff", "Chief of the Army Staff"})

# Topic words -> sc:Topic local names (sc:area values).
TOPIC_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), topic) for p, topic in [
        (r"\bcounter[- ]?terror\w*|\bterror\w*|\bmilitan\w*|\bextremis\w*", "Counterterrorism"),
        (r"\bintelligence\b|\bsurveillance\b|\bsatellite imagery\b", "Intelligence"),
        (r"\bsecurity\b", "Security"),
        (r"\bdefen[cs]e\b|\bmilitary\b|\barms\b|\bweapons?\b", "Defence"),
        (r"\btrade\b|\btariffs?\b|\bexports?\b|\bimports?\b|\bmarket access\b", "Trade"),
        (r"\binvest\w*|\bFDI\b", "Investment"),
        (r"\bmining\b|\bminerals?\b|\brare earths?\b|\bcopper\b|\bantimony\b|\blithium\b", "Mining"),
        (r"\benergy\b|\boil\b|\bgas\b|\bpipeline\b|\bpetroleum\b|\bLNG\b|\bpower\b", "Energy"),
        (r"\bcrypto\w*|\bdigital assets?\b|\bblockchain\b|\bbitcoin\b|\bstablecoins?\b|\bWeb3\b",
         "DigitalAssets"),
        (r"\bfinanc\w*|\bbanking\b|\bloans?\b", "Finance"),
        (r"\binfrastructure\b|\bindustrial zones?\b|\bspecial economic zones?\b|\bports?\b|\brailways?\b|"
         r"\broads?\b", "Infrastructure"),
        (r"\bwater\b|\brivers?\b", "Water"),
    ]
]

# Modality cues, checked on the clause that carries a fact.
REPORTED = re.compile(r"\breportedly\b|\baccording to\b|\bwere reported\b|\bwas reported\b|"
                      r"\bis reported\b|\bsources said\b|\bofficials said\b|\bclaimed\b|"
                      r"\bit is understood\b|\bsaid to\b", re.I)
ALLEGED = re.compile(r"\ballegedly\b|\balleged\b|\baccused of\b|\bsuspected of\b|\bblamed\b|"
                     r"\bis believed to\b|\bwho India says\b", re.I)
# "The IMF urged the authorities to …", "China demanded that Pakistan punish …": advice
# given to whoever follows the verb. Pressure ("Beijing pressed Islamabad to …") is not advice.
URGED = re.compile(r"\b(?:urg(?:ed|es|ing)|call(?:ed|s|ing) on|ask(?:ed|s|ing)|"
                   r"demand(?:ed|s|ing) that|direct(?:ed|s) that|advis(?:ed|es|ing)|recommend(?:ed|s|ing) that|"
                   r"wants?)\s+(?:the\s+)?")
PENDING = re.compile(r"\bmust wait\b|\bwaits? for\b|\bawait\w*\b|\bpending\b|\bsubject to\b|"
                     r"\bon hold\b|\buntil\b", re.I)
RECOMMENDED = re.compile(r"\bshould\b|\bmust\b|\bought to\b|(?<!the )(?<!a )\bneeds? to\b|\bhas to\b|\bhave to\b|"
                         r"\bit is high time\b|\bcan best\b|\bwould do well\b|\bis advised to\b|"
                         r"\bit is time for\b|\bit is essential\b", re.I)
