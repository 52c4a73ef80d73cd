#!/usr/bin/env python3
"""Build gold.json beside this file: the hand-made answer key for the invented clinic-breach
bundle (a ransomware attack on the Saltmoor Health Network in the fictional country of Castrova,
which began at 3:15 a.m. on Monday 19 October 2026; six articles from six invented outlets,
dated Tuesday 20 to Thursday 22 October 2026, one of them a republished copy of the wire report
and one of them without any date).

Run it from anywhere (`python3 build_gold.py`): it reads the articles beside itself and writes
gold.json there. The key's form is the one in eval/FORMAT.md ("Answer keys (gold.json)").
Every `anchor` and quote `content` must occur in its article, and exactly once unless it is
listed in FIRST_OCCURRENCE (where the first occurrence is the one meant); no quantity or quote
may lie in a boilerplate line; every group member must name an existing id; every entity alias
must occur as a whole word outside the boilerplate lines; every approximate interval must be
FORMAT.md's. The script refuses to write the file otherwise.

Conventions (those of brannock-crush's key, which this one follows):
- Quantities: every numeric claim in the body text, repeated mentions included, numbers inside
  quotes included, ages included ("Liv Rask, 38"). Headline and standfirst numbers, dates, clock
  times ("3:15 a.m.", "7 a.m."), years, ordinals ("a second day", "a second, specific
  warning"), ward, model and vulnerability names ("Ward 7", "Veltrix Gate 6200",
  "CVE-2025-31877"), the helpline number, the radio frequency and the page junk ("Comments
  (87)", "6 min read", "3-year delay" in a RELATED line) are left out. "within the hour" names no
  number and is left out (as brannock's "full within the hour").
- Intervals follow FORMAT.md's table and are checked by the `qty` helper: "about / around /
  roughly / an estimated X" -> X +/- 10%; "nearly / almost X" -> 0.9 X to X; "dozens" -> 24-99;
  "hundreds" -> 200-999; "more than / over X" -> [X, None]; "at least X" -> [X, None]; "up to X"
  -> [None, X]; "fewer than X" -> [None, X]; "between X and Y" -> range. "Two dozen" is 24,
  exact. Fractions as decimals ("a third" 0.3333, "half" 0.5), so "around a third" is 0.3-0.3667
  and "roughly half" 0.45-0.55. Percentages as printed (7.4 for "7.4%"), money in units ("€40m"
  -> 40,000,000; "€1.9bn" -> 1,900,000,000). "over a year" and "more than an hour" are 1 (year,
  hour), "more_than". A figure in quotation marks ("‘about 410,000’ patients", 003) is both a
  figure and a quoted fragment.
- source: who the sentence itself credits with the number; None (not scored) when it names
  nobody. Documents count as sources of figures (the internal audit in 001, the ransom note and
  the agency's annual threat report in 004, the network's annual report in 005) but not as
  speakers of quotes (as brannock's "licensing board records"). 000 and 002 credit the same
  people because 002 is the CPN copy.
- hedged: "reportedly" (003, the cut demand), "An estimated" with nobody named (003, outpatient
  appointments) and "a reported" (005, the ransom). "may have been copied" is the source's own
  caution about what happened, not the article distancing itself from the number: not hedged.
- Events: those whose time the article's own words resolve against its own date line. 004 has
  no date at all, so its "Monday's attack", "last September", "since March", "last autumn" and
  "last year" are listed in `events_unresolved` with the true dates, outside the scored
  `events`. 002, the republished copy, carries its own date line (20.10.2026), so its weekdays
  resolve. "late last month" in 001 (20 October 2026) is September 2026; "last autumn" written in
  October 2026 is autumn 2025 (September to November); "in March" in 003 is March 2026; "last
  night" in 003 (published 05:30 GMT on 21 October) is the night of 20 October; "earlier this
  week" and "this week" in 005 (Thursday 22 October) are stated as October 2026 (the key's form
  has no day ranges); "in September last year" and "last year" in 005 fall in 2025; "until at
  least Thursday" in 001 is given as its first possible day, 22 October. Date lines of
  publication and update are events, as in brannock.
- Quotes: content is what stands between the quotation marks (a comma or full stop inside the
  marks kept; with the „…“ marks of 002 the comma stands outside and is not part of the content).
  Reported speech (direct False) gives the reported clause; the lead sentence of a wire story
  attributed at its end ("…, its chief executive said") is reported speech, and "according to X"
  and the passive "was told by a ward clerk that …" make X the speaker. A reported clause that
  wraps a quoted fragment is listed beside the fragment only where it says more than the
  fragment: 001 Ivens ("cancer treatment was continuing “with some delays”"), 001 the ward clerk,
  001 and 003 Jonas Rask, 003 the network's ‘about 410,000’, 005 Marsk's "pen and paper"; but
  "the update had been "scheduled"" (000, 002) and "the state will “not pay these people a single
  cent”" (005) give only the fragment (as brannock's "devastated"). The headline quote of 003 is
  a quote; it is also the start of the body quote, so its first occurrence (the headline) is
  meant. A speaker given by a pronoun ("she said", "she added", "he said") is the person named
  before.
- Speakers: in 001 and 003 both Rasks appear, so the bare "Rask" is not accepted there; the nurse
  is always "Liv Rask". The minister's bare surname is used in 000 only.
- Groups carry an extra field, `independent_reports`: how many independent reports stand behind
  the members (the CPN wire and its republication in 002 count once). score.py ignores it. A
  group whose members mix compatible pairs with one pair that cannot both be true is a
  `conflict`; its `why` says which pair.
- `separate`: pairs that look alike but are different facts; a ledger should not group them.
  score.py ignores it. The gang's claim of "nearly 1.2 million patient records" and the network's
  "about 410,000 patients" are different measures (records, patients) of the same theft; they
  are neither grouped nor listed as separate.
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent

DOCS = {
    "000": "000_cpn-wire.txt",
    "001": "001_kesterby-courier.txt",
    "002": "002_radio-saltmoor.txt",
    "003": "003_morning-clarion.txt",
    "004": "004_packet-desk.txt",
    "005": "005_capital-brief.txt",
}

# Accepted speaker / source names.
MARSK = ["Helena Marsk", "Marsk", "Dr Helena Marsk", "Chief executive Dr Helena Marsk",
         "Network chief executive Dr Helena Marsk", "its chief executive"]
RASK = ["Jonas Rask", "Rask", "Health Minister Jonas Rask"]
RASK_002 = ["Jonas Rask", "Rask", "Health Minister Jonas Rask", "the minister"]
RASK_FULL = ["Jonas Rask", "Health Minister Jonas Rask"]  # 001, 003 and 005 (001/003 also have Liv Rask)
LIV = ["Liv Rask", "Nurse Liv Rask"]
FELDT = ["Aino Feldt", "Feldt", "Detective Superintendent Aino Feldt"]
SHN = ["Saltmoor Health Network", "the network", "network", "SHN", "the hospital group", "hospital group"]
IVENS = ["Clara Ivens", "Ivens"]
CLERK = ["ward clerk", "a ward clerk"]
AALTO = ["Henrik Aalto", "Aalto", "Grandfather Henrik Aalto"]
HEALTH_MIN = ["Health Ministry", "the ministry"]
CNU = ["Castrovan Nurses’ Union", "Castrovan Nurses' Union", "the union", "union"]
ENNIS = ["Rafael Ennis", "Ennis"]
HAUGEN = ["Dagny Haugen", "Haugen", "Ms Haugen"]
OFFICIAL_CCDA = ["senior official at the agency who asked not to be named", "senior official at the agency",
                 "senior official"]
OFFICIAL_003 = ["senior official who asked not to be named", "senior official"]
PEOPLE_NOTE = ["people familiar with the ransom note", "people familiar with the note"]
GOVT = ["the government", "government"]
MOTHCRANE = ["Mothcrane", "the group", "group", "the group that claimed the attack"]
AMB = ["Saltmoor Ambulance Service", "ambulance service", "the regional ambulance service",
       "regional ambulance service"]
CCDA = ["Castrovan Cyber Defence Agency", "CCDA", "the agency", "agency"]
CCDA_SPOKES = ["spokesman for the agency", "a spokesman for the agency"]
ARDEN = ["Yusuf Arden", "Arden"]
VELTRIX = ["Veltrix", "Veltrix Systems", "the company"]
LINDAHL = ["Petra Lindahl", "Lindahl"]
GRAYHOOK = ["Grayhook Securities", "Analysts at Grayhook Securities", "Grayhook"]
AUDIT = ["internal audit", "An internal audit", "audit"]
NOTE = ["ransom note", "The ransom note"]
THREAT_REPORT = ["the agency's annual threat report", "annual threat report", "the agency", "agency"]
ANNUAL_REPORT = ["its latest annual report", "annual report", "the network's annual report"]

documents = {
    "000": {"title": "Hackers demand $2.5 million in bitcoin after ransomware attack cripples Saltmoor hospitals",
            "author": "Anneke Doyle and Ruben Saltz", "published": "2026-10-20T07:40:00+00:00",
            "outlet": "CPN", "dateline": "Kesterby",
            "boilerplate": ["By Anneke Doyle and Ruben Saltz",
                            "Tuesday, October 20, 2026 07:40 GMT",
                            "(Reporting by Anneke Doyle in Kesterby and Ruben Saltz in Aldmere; Editing by Mark Feeney)",
                            "The CPN Trust Principles."]},
    "001": {"title": "Surgery on hold and ambulances turned away as Saltmoor hospitals fight cyberattack",
            "author": "Fenna Voss", "published": "2026-10-20T18:45:00+02:00",
            "outlet": "The Kesterby Courier", "dateline": None,
            "boilerplate": ["The Kesterby Courier",
                            "News › Saltmoor › Health",
                            "By Fenna Voss, Health Correspondent",
                            "2026-10-20T18:45:00+02:00",
                            "Nurses check paper charts at the Ward 7 station of Brinlow Community Hospital on Tuesday. (Photo: Iver Lunde/The Kesterby Courier)",
                            "RELATED: How a ransomware gang picks its targets",
                            "RELATED: Brinlow hospital’s new wing opens after 3-year delay",
                            "Sign up for the Courier’s Health Briefing, in your inbox every Friday morning."]},
    # The CPN wire republished with small edits: no byline, its own date line, the dateline
    # stripped, „…“ quotes with the comma outside, "(SHN)" added, the ransom-note clause, the
    # "Paper Moths" sentence, the journey times and Rask's second sentence dropped, the quote
    # given to "the minister", a traffic sentence and a helpline line added, a "Source: CPN" line.
    "002": {"title": "Ransomware attack: hackers demand $2.5 million from Saltmoor hospitals",
            "author": None, "published": "2026-10-20T12:17:00+02:00", "outlet": "Radio Saltmoor",
            "credited_outlet": "CPN", "dateline": None,
            "boilerplate": ["Radio Saltmoor",
                            "News | Sport | Traffic | Listen live",
                            "20.10.2026 | 12:17 CEST",
                            "Share: Facebook · X · WhatsApp · Email",
                            "Source: CPN",
                            "More from News",
                            "Listen live: Radio Saltmoor on 98.4 FM and online"]},
    # The standfirst ("Nurses’ union accuses health bosses ...") is article text, not boilerplate.
    "003": {"title": "‘They held our hospitals hostage’: Fury as hackers claim to have stolen records of 600,000 patients",
            "author": "Declan Moyle", "published": "2026-10-21T05:30:00+00:00",
            "outlet": "The Morning Clarion", "dateline": None,
            "boilerplate": ["The Morning Clarion",
                            "Home › News › Health",
                            "By Declan Moyle, Health Editor",
                            "Published: 05:30 GMT, 21 October 2026 | Updated: 09:12 GMT, 21 October 2026",
                            "Share   Post   Email   Comments (87)",
                            "Ambulances queue outside Brinlow Community Hospital on Monday. Picture: Tove Rand/Clarion Pictures",
                            "Share or comment on this article:",
                            "Comments (87)",
                            "MOST READ"]},
    # No date anywhere in the text.
    "004": {"title": "Mothcrane ransomware hits Castrovan hospital network through unpatched Veltrix gateway",
            "author": "Sofia Renwick", "published": None, "outlet": "Packet Desk", "dateline": None,
            "boilerplate": ["PACKET DESK",
                            "Threat Intel / Ransomware / Healthcare",
                            "Posted by Sofia Renwick · 6 min read",
                            "Tags: ransomware, healthcare, Veltrix, Castrova",
                            "Indicators of compromise for this campaign are in our members' feed.",
                            "Read more: Patch now - the remote-access flaws ransomware crews love",
                            "Subscribe to the Packet Desk daily brief",
                            "Comments are closed."]},
    # A syndicated copy: "Name, Outlet" byline line and "Read the original article on Capital Brief".
    "005": {"title": "Veltrix shares slide as Saltmoor hospital hack puts spotlight on gateway flaw",
            "author": "Jonah Pellerin", "published": "2026-10-22T08:05:00+02:00",
            "outlet": "Capital Brief", "dateline": None,
            "boilerplate": ["Jonah Pellerin, Capital Brief",
                            "Thu, October 22, 2026 at 8:05 AM GMT+2 · 4 min read",
                            "Story continues",
                            "Read the original article on Capital Brief"]},
}

# (id, doc, content, accepted speakers, direct)
quotes = [
    # 000 CPN wire (straight double quotes)
    ("q000a", "000", "Ambulances were diverted away from two hospitals in Castrova's Saltmoor region for a second day on Tuesday and more than 1,100 planned operations have been postponed after a ransomware attack on the Saltmoor Health Network",
     MARSK, False),
    ("q000b", "000", "The attack began at 3:15 a.m. on Monday, when night staff at Kesterby University Hospital found that computers on several wards would not start and a ransom note had appeared on the screens of those that did",
     MARSK, False),
    ("q000c", "000", "We have gone back to pen and paper in every one of our four hospitals,", MARSK, True),
    ("q000d", "000", "Our staff are doing extraordinary work, but I will not pretend to anyone that this is normal.", MARSK, True),
    ("q000e", "000", "The hackers are demanding $2.5 million in bitcoin", PEOPLE_NOTE, False),
    ("q000f", "000", "it does not pay ransoms", GOVT, False),
    ("q000g", "000", "the personal data of about 410,000 patients may have been copied before the systems were locked, including names, addresses and some test results",
     MARSK, False),  # "She said"
    ("q000h", "000", "it held nearly 1.2 million patient records", MOTHCRANE, False),
    ("q000i", "000", "more than 120 ambulances had been sent on to hospitals in Portlaine and Ostery since early Monday, adding up to 40 minutes to some journeys",
     AMB, False),
    ("q000j", "000", "the government would not negotiate with criminals", RASK, False),
    ("q000k", "000", "patients' safety came first", RASK, False),
    # The whole statement; 001, 002, 003 and 005 carry parts of it.
    ("q000l", "000", "No one should be in any doubt: we will not pay these people a single cent. We will find them, and they will answer to a Castrovan court,",
     RASK, True),
    ("q000m", "000", "officers believed the attackers had got in through a remote-access gateway made by Veltrix Systems", FELDT, False),
    ("q000n", "000", "The CCDA first warned the network last autumn that the gateway needed an urgent security update",
     OFFICIAL_CCDA, False),
    ("q000o", "000", "scheduled", SHN, True),
    ("q000p", "000", "it was reviewing its procedures", SHN, False),
    # 001 The Kesterby Courier (curly double quotes, ’ apostrophes)
    ("q001a", "001", "1,140 operations and procedures had been postponed since the cyberattack began early on Monday", SHN, False),
    ("q001b", "001", "the emergency departments in Kesterby and Brinlow would stay closed to ambulances until at least Thursday", SHN, False),
    ("q001c", "001", "around a third of its 1,600 computers had been encrypted by the attackers", IVENS, False),
    ("q001d", "001", "cancer treatment was continuing “with some delays”", IVENS, False),
    ("q001e", "001", "with some delays", IVENS, True),
    ("q001f", "001", "Hundreds of staff had come in on their day off", IVENS, False),  # ", she said"
    # "…, Liv Rask, a nurse on Ward 7 at Brinlow Community Hospital, told reporters."
    ("q001g", "001", "Patient charts were moved onto paper within the hour", LIV, False),
    ("q001h", "001", "We were flying blind for the first six hours,", LIV, True),  # "she said"
    ("q001i", "001", "No records, no scans, no list of who is allergic to what. You find out very quickly who remembers things.", LIV, True),
    ("q001j", "001", "nurses had been writing drug doses on whiteboards and carrying blood samples to the laboratory by hand", LIV, False),
    # "He was told by a ward clerk that … and that …"
    ("q001k", "001", "the theatre lists had been lost", CLERK, False),
    ("q001l", "001", "he would be sent a new date “as soon as the computers come back”", CLERK, False),
    ("q001m", "001", "as soon as the computers come back", CLERK, True),
    ("q001n", "001", "I have waited 14 months for this hip,", AALTO, True),
    ("q001o", "001", "Now I am waiting for a computer.", AALTO, True),
    ("q001p", "001", "the government would not pay the hackers “a single cent”", RASK_FULL, False),
    ("q001q", "001", "a single cent", RASK_FULL, True),
    ("q001r", "001", "no patient had come to harm because of the attack", HEALTH_MIN, False),
    ("q001s", "001", "dozens of patients had waited in ambulances outside Brinlow Community Hospital for more than an hour on Monday before being driven on to Ostery",
     CNU, False),
    ("q001t", "001", "patients had been left to find out about cancelled appointments from social media", ENNIS, False),
    ("q001u", "001", "People ring us because nobody at the hospital picks up the phone,", ENNIS, True),
    ("q001v", "001", "The audit’s recommendations were being put in place when the attack happened.", SHN, True),
    # 002 Radio Saltmoor, the CPN copy („…“ marks, comma outside)
    ("q002a", "002", "Ambulances were diverted away from two hospitals in the Saltmoor region for a second day on Tuesday and more than 1,100 planned operations have been postponed after a ransomware attack on the Saltmoor Health Network (SHN)",
     MARSK, False),
    ("q002b", "002", "The attack began at 3:15 a.m. on Monday, when night staff at Kesterby University Hospital found that computers on several wards would not start",
     MARSK, False),
    ("q002c", "002", "We have gone back to pen and paper in every one of our four hospitals", MARSK, True),
    ("q002d", "002", "Our staff are doing extraordinary work.", MARSK, True),
    ("q002e", "002", "The hackers are demanding $2.5 million in bitcoin", PEOPLE_NOTE, False),
    ("q002f", "002", "it does not pay ransoms", GOVT, False),
    ("q002g", "002", "the personal data of about 410,000 patients may have been copied, including names, addresses and some test results",
     MARSK, False),
    ("q002h", "002", "it held nearly 1.2 million patient records", MOTHCRANE, False),
    ("q002i", "002", "more than 120 ambulances had been sent on to hospitals in Portlaine and Ostery since early Monday", AMB, False),
    ("q002j", "002", "the government would not negotiate with criminals", RASK_002, False),
    ("q002k", "002", "No one should be in any doubt: we will not pay these people a single cent", RASK_002, True),
    ("q002l", "002", "officers believed the attackers had got in through a remote-access gateway made by Veltrix Systems", FELDT, False),
    ("q002m", "002", "The CCDA first warned the network last autumn that the gateway needed an urgent security update",
     OFFICIAL_CCDA, False),
    ("q002n", "002", "scheduled", SHN, True),
    # 003 The Morning Clarion (curly single quotes, ’ apostrophes inside them)
    ("q003a", "003", "They held our hospitals hostage", HAUGEN, True),  # headline
    ("q003b", "003", "More than 600,000 patients may have had their medical records stolen in the cyberattack on Saltmoor’s hospitals",
     OFFICIAL_003, False),
    ("q003c", "003", "the data of ‘about 410,000’ patients may have been copied by the gang", SHN, False),
    ("q003d", "003", "about 410,000", SHN, True),
    ("q003e", "003", "almost 2,000 operations had been postponed since Monday", CNU, False),
    ("q003f", "003", "They held our hospitals hostage and they held our patients hostage. Our members were told to keep quiet, and they won’t.",
     HAUGEN, True),
    ("q003g", "003", "Nurses on Ward 7 in Brinlow are still writing doses on whiteboards,", HAUGEN, True),  # "she added"
    ("q003h", "003", "pen and paper", MARSK, True),
    ("q003i", "003", "it would not pay", GOVT, False),
    ("q003j", "003", "the hackers would ‘answer to a Castrovan court’", RASK_FULL, False),
    ("q003k", "003", "answer to a Castrovan court", RASK_FULL, True),
    ("q003l", "003", "it did not comment on individual cases", CCDA_SPOKES, False),
    ("q003m", "003", "I’ve waited 14 months. I was lucky it wasn’t my heart.", AALTO, True),
    ("q003n", "003", "More than 150 ambulances have now been diverted to Portlaine and Ostery", AMB, False),
    ("q003o", "003", "she had not been home since Sunday", LIV, False),
    # 004 Packet Desk (straight double quotes)
    ("q004a", "004", "the attackers got in through a Veltrix Gate 6200 remote-access appliance that had not been patched against CVE-2025-31877",
     SHN, False),  # "According to the network"
    ("q004b", "004", "This is a textbook intrusion,", ARDEN, True),
    ("q004c", "004", "The gateway was the door, and the door was left open for over a year.", ARDEN, True),
    ("q004d", "004", "Mothcrane had hit at least 14 organisations since March, most of them hospitals and local councils", ARDEN, False),
    ("q004e", "004", "it typically gives victims seven days to pay before it begins publishing files", ARDEN, False),
    ("q004f", "004", "it has taken 1.2 million patient records and about 700 gigabytes of other files", MOTHCRANE, False),
    ("q004g", "004", "the records of about 410,000 patients may have been copied", SHN, False),
    ("q004h", "004", "extraordinary work", MARSK, True),
    ("q004i", "004", "the hardest week of my career", MARSK, True),
    ("q004j", "004", "it had warned all health networks last autumn to patch their Veltrix gateways and had sent a second, specific warning to the Saltmoor network",
     CCDA, False),  # "The Castrovan Cyber Defence Agency, in a statement, said"
    ("q004k", "004", "Two dozen of its analysts are now working with the network and Saltmoor Police", CCDA, False),
    ("q004l", "004", "fewer than 5% of its customers had yet to install the fix", VELTRIX, False),
    # 005 Capital Brief (curly double quotes, straight apostrophes)
    ("q005a", "005", "1,380 operations had now been postponed since the attack began on Monday", SHN, False),
    ("q005b", "005", "about 60% of its systems were back online", SHN, False),
    ("q005c", "005", "staff would keep working on “pen and paper” in some departments for between two and three weeks", MARSK, False),
    ("q005d", "005", "pen and paper", MARSK, True),
    ("q005e", "005", "Hospitals are the softest target there is, because every hour offline is measured in patients,", LINDAHL, True),
    ("q005f", "005", "Veltrix is not to blame for an unpatched box, but investors will ask why so many boxes are unpatched.", LINDAHL, True),
    ("q005g", "005", "it had released a fix for the flaw in September last year and had written to every customer in Castrova about it",
     VELTRIX, False),
    ("q005h", "005", "fewer than 5% of its customers had not yet installed it", VELTRIX, False),
    ("q005i", "005", "not pay these people a single cent", RASK_FULL, True),
    ("q005j", "005", "the personal data of about 410,000 patients may have been copied", SHN, False),
    ("q005k", "005", "Castrovan health networks spent an average of 1.1% of their budgets on IT security last year, against the 3% the agency recommends",
     CCDA, False),  # "according to the Castrovan Cyber Defence Agency"
    ("q005l", "005", "Every health network in the country will be checking its gateways this week,", LINDAHL, True),
]

# Quoted words that are nobody's statement: the gang's name, its nickname and two technical terms.
not_quotes = [
    ("000", "Mothcrane"),
    ("000", "the Paper Moths"),
    ("002", "Mothcrane"),
    ("003", "Mothcrane"),
    ("003", "double extortion"),
    ("004", "Mothcrane"),
    ("004", "living off the land"),
]

Q = []
RULE = []


def tidy(x):
    return float(f"{x:.12g}")


def qty(qid, doc, anchor, value, low, high, qualifier, measure, source=None, hedged=False):
    if qualifier == "approximate" and value is not None:
        near = re.search(r"\b(nearly|almost|just under)\b", anchor, re.I)
        rule = [tidy(value * 0.9), value if near else tidy(value * 1.1)]
        if [low, high] != rule:
            RULE.append(f"quantity {qid}: interval {[low, high]} is not FORMAT.md's {rule}")
    if qualifier == "approximate" and value is None:
        words = {"dozens": [24, 99], "hundreds": [200, 999], "thousands": [2000, 9999]}
        w = re.match(r"\w+", anchor).group(0).lower()
        if words.get(w) != [low, high]:
            RULE.append(f"quantity {qid}: interval {[low, high]} is not FORMAT.md's for {w!r}")
    if qualifier in ("exact",) and not (low == high == value):
        RULE.append(f"quantity {qid}: exact but interval {[low, high]}")
    if qualifier in ("more_than", "at_least") and not (low == value and high is None):
        RULE.append(f"quantity {qid}: lower bound but interval {[low, high]}")
    if qualifier in ("at_most", "less_than") and not (low is None and high == value):
        RULE.append(f"quantity {qid}: upper bound but interval {[low, high]}")
    if qualifier == "range" and not (low == value and high is not None and high > low):
        RULE.append(f"quantity {qid}: range but interval {[low, high]}")
    Q.append({"id": qid, "doc": doc, "anchor": anchor, "value": value,
              "interval": [low, high], "qualifier": qualifier, "measure": measure,
              "source": source, "hedged": hedged})


AGE = ["age", "aged", "year-old", "years old"]
OPS = ["operations", "postponed"]
DATA = ["patients", "data", "copied", "records"]
THIRD = 0.3333

# 000 CPN wire
qty("n000a", "000", "away from two hospitals", 2, 2, 2, "exact", ["hospitals", "diverted"], MARSK)
qty("n000b", "000", "more than 1,100 planned operations", 1100, 1100, None, "more_than", OPS, MARSK)
qty("n000c", "000", "every one of our four hospitals", 4, 4, 4, "exact", ["hospitals"], MARSK)
qty("n000d", "000", "demanding $2.5 million in bitcoin", 2_500_000, 2_500_000, 2_500_000, "exact",
    ["demanding", "bitcoin", "ransom"], PEOPLE_NOTE)
qty("n000e", "000", "about 410,000 patients", 410_000, 369_000, 451_000, "approximate", DATA, MARSK)
qty("n000f", "000", "nearly 1.2 million patient records", 1_200_000, 1_080_000, 1_200_000, "approximate",
    ["patient records", "records", "held"], MOTHCRANE)
qty("n000g", "000", "more than 120 ambulances", 120, 120, None, "more_than", ["ambulances", "sent on"], AMB)
qty("n000h", "000", "up to 40 minutes", 40, None, 40, "at_most", ["minutes", "journeys", "adding"], AMB)
qty("n000i", "000", "runs four hospitals", 4, 4, 4, "exact", ["hospitals", "runs"])
qty("n000j", "000", "23 clinics", 23, 23, 23, "exact", ["clinics", "runs"])
qty("n000k", "000", "about 900,000 people", 900_000, 810_000, 990_000, "approximate", ["people", "serves"])
# 001 The Kesterby Courier
qty("n001a", "001", "1,140 operations and procedures", 1140, 1140, 1140, "exact", OPS, SHN)
qty("n001b", "001", "around a third", THIRD, tidy(THIRD * 0.9), tidy(THIRD * 1.1), "approximate",
    ["computers", "encrypted"], IVENS)
qty("n001c", "001", "its 1,600 computers", 1600, 1600, 1600, "exact", ["computers"], IVENS)
qty("n001d", "001", "Hundreds of staff", None, 200, 999, "approximate", ["staff", "come in", "day off"], IVENS)
qty("n001e", "001", "the first six hours", 6, 6, 6, "exact", ["hours", "flying blind"], LIV)
qty("n001f", "001", "Liv Rask, 38", 38, 38, 38, "exact", AGE + ["Rask"])
qty("n001g", "001", "Henrik Aalto, 71", 71, 71, 71, "exact", AGE + ["Aalto"])
qty("n001h", "001", "waited 14 months", 14, 14, 14, "exact", ["months", "waited"], AALTO)
qty("n001i", "001", "€12 million in emergency funding", 12_000_000, 12_000_000, 12_000_000, "exact",
    ["emergency funding", "funding", "announced"], RASK_FULL)
qty("n001j", "001", "the country’s 11 health networks", 11, 11, 11, "exact", ["health networks"], RASK_FULL)
qty("n001k", "001", "dozens of patients", None, 24, 99, "approximate", ["patients", "waited", "ambulances"], CNU)
qty("n001l", "001", "more than an hour", 1, 1, None, "more_than", ["hour", "waited"], CNU)
qty("n001m", "001", "34 servers", 34, 34, 34, "exact", ["servers", "security updates", "software"], AUDIT)
# 002 Radio Saltmoor (the CPN copy)
qty("n002a", "002", "away from two hospitals", 2, 2, 2, "exact", ["hospitals", "diverted"], MARSK)
qty("n002b", "002", "more than 1,100 planned operations", 1100, 1100, None, "more_than", OPS, MARSK)
qty("n002c", "002", "every one of our four hospitals", 4, 4, 4, "exact", ["hospitals"], MARSK)
qty("n002d", "002", "demanding $2.5 million in bitcoin", 2_500_000, 2_500_000, 2_500_000, "exact",
    ["demanding", "bitcoin", "ransom"], PEOPLE_NOTE)
qty("n002e", "002", "about 410,000 patients", 410_000, 369_000, 451_000, "approximate", DATA, MARSK)
qty("n002f", "002", "nearly 1.2 million patient records", 1_200_000, 1_080_000, 1_200_000, "approximate",
    ["patient records", "records", "held"], MOTHCRANE)
qty("n002g", "002", "more than 120 ambulances", 120, 120, None, "more_than", ["ambulances", "sent on"], AMB)
qty("n002h", "002", "runs four hospitals", 4, 4, 4, "exact", ["hospitals", "runs"])
qty("n002i", "002", "23 clinics", 23, 23, 23, "exact", ["clinics", "runs"])
qty("n002j", "002", "about 900,000 people", 900_000, 810_000, 990_000, "approximate", ["people", "serves"])
# 003 The Morning Clarion
qty("n003a", "003", "More than 600,000 patients", 600_000, 600_000, None, "more_than",
    ["patients", "medical records stolen", "records"], OFFICIAL_003)
qty("n003b", "003", "‘about 410,000’ patients", 410_000, 369_000, 451_000, "approximate", DATA, SHN)
qty("n003c", "003", "Dagny Haugen, 52", 52, 52, 52, "exact", AGE + ["Haugen"])
qty("n003d", "003", "almost 2,000 operations", 2000, 1800, 2000, "approximate", OPS, CNU)
qty("n003e", "003", "the 1,140 admitted by the network", 1140, 1140, 1140, "exact", OPS + ["admitted"], SHN)
qty("n003f", "003", "all four of the network’s hospitals", 4, 4, 4, "exact", ["hospitals"])
qty("n003g", "003", "Up to 40 staff a day", 40, None, 40, "at_most", ["staff", "borrowed"])
qty("n003h", "003", "demanded $2.5 million in bitcoin", 2_500_000, 2_500_000, 2_500_000, "exact",
    ["demanded", "bitcoin", "demand"])
qty("n003i", "003", "cut its demand to $1.8 million", 1_800_000, 1_800_000, 1_800_000, "exact",
    ["demand", "cut"], hedged=True)
qty("n003j", "003", "two other countries", 2, 2, 2, "exact", ["countries", "help", "tracing"])
qty("n003k", "003", "Henrik Aalto, 71", 71, 71, 71, "exact", AGE + ["Aalto"])
qty("n003l", "003", "I’ve waited 14 months", 14, 14, 14, "exact", ["months", "waited"], AALTO)
qty("n003m", "003", "More than 150 ambulances", 150, 150, None, "more_than", ["ambulances", "diverted"], AMB)
qty("n003n", "003", "Liv Rask, 38", 38, 38, 38, "exact", AGE + ["Rask"])
qty("n003o", "003", "An estimated 9,000 outpatient appointments", 9000, 8100, 9900, "approximate",
    ["outpatient appointments", "appointments", "cancelled"], hedged=True)
# 004 Packet Desk
qty("n004a", "004", "at four hospitals", 4, 4, 4, "exact", ["hospitals", "knocked out"])
qty("n004b", "004", "between three and five days", 3, 3, 5, "range", ["days", "moving through the network", "spent"])
qty("n004c", "004", "over a year", 1, 1, None, "more_than", ["year", "left open"], ARDEN)
qty("n004d", "004", "at least 14 organisations", 14, 14, None, "at_least", ["organisations", "hit"], ARDEN)
qty("n004e", "004", "seven days to pay", 7, 7, 7, "exact", ["days", "to pay"], ARDEN)
qty("n004f", "004", "38 bitcoin", 38, 38, 38, "exact", ["bitcoin", "asks for"], NOTE)
qty("n004g", "004", "worth $2.5 million", 2_500_000, 2_500_000, 2_500_000, "exact", ["worth", "bitcoin", "exchange rate"])
qty("n004h", "004", "1.2 million patient records", 1_200_000, 1_200_000, 1_200_000, "exact",
    ["patient records", "records", "taken"], MOTHCRANE)
qty("n004i", "004", "about 700 gigabytes", 700, 630, 770, "approximate", ["gigabytes", "files", "taken"], MOTHCRANE)
qty("n004j", "004", "a 4-gigabyte sample", 4, 4, 4, "exact", ["sample", "gigabyte", "posted"])
qty("n004k", "004", "about 410,000 patients", 410_000, 369_000, 451_000, "approximate", DATA, SHN)
qty("n004l", "004", "Two dozen of its analysts", 24, 24, 24, "exact", ["analysts", "working"], CCDA)
qty("n004m", "004", "fewer than 5% of its customers", 5, None, 5, "less_than", ["customers", "install the fix", "fix"], VELTRIX)
qty("n004n", "004", "rose by 27%", 27, 27, 27, "exact", ["rose", "attacks", "Health-sector attacks"], THREAT_REPORT)
qty("n004o", "004", "roughly half of them", 0.5, 0.45, 0.55, "approximate", ["stolen data", "involved"], THREAT_REPORT)
# 005 Capital Brief
qty("n005a", "005", "fell 7.4%", 7.4, 7.4, 7.4, "exact", ["fell", "shares"])
qty("n005b", "005", "close at €18.30", 18.3, 18.3, 18.3, "exact", ["close", "shares"])
qty("n005c", "005", "1,380 operations", 1380, 1380, 1380, "exact", OPS, SHN)
qty("n005d", "005", "about 60% of its systems", 60, 54, 66, "approximate", ["systems", "back online"], SHN)
qty("n005e", "005", "between two and three weeks", 2, 2, 3, "range", ["weeks", "working", "pen and paper"], MARSK)
qty("n005f", "005", "€40m", 40_000_000, 40_000_000, 40_000_000, "exact", ["cost", "attack"], GRAYHOOK)
qty("n005g", "005", "up to €25 million", 25_000_000, None, 25_000_000, "at_most", ["insurance", "covers"], ANNUAL_REPORT)
qty("n005h", "005", "fewer than 5% of its customers", 5, None, 5, "less_than", ["customers", "installed"], VELTRIX)
qty("n005i", "005", "a reported $2.5 million in bitcoin", 2_500_000, 2_500_000, 2_500_000, "exact",
    ["asked for", "bitcoin", "demand"], hedged=True)
qty("n005j", "005", "about 900,000 people", 900_000, 810_000, 990_000, "approximate", ["people", "serves"])
qty("n005k", "005", "about 410,000 patients", 410_000, 369_000, 451_000, "approximate", DATA, SHN)
qty("n005l", "005", "1.1% of their budgets", 1.1, 1.1, 1.1, "exact", ["budgets", "IT security", "spent"], CCDA)
qty("n005m", "005", "the 3% the agency recommends", 3, 3, 3, "exact", ["recommends", "IT security"], CCDA)
qty("n005n", "005", "about €1.9bn", 1_900_000_000, 1_710_000_000, 2_090_000_000, "approximate", ["annual budget", "budget"])

ALL_MONTHS = list(range(1, 13))
AUTUMN = [9, 10, 11]
events = [
    # 000 (date line Tuesday 2026-10-20 07:40 GMT)
    {"id": "e000p", "doc": "000", "anchor": "Tuesday, October 20, 2026 07:40 GMT", "event": "publication",
     "time_text": "Tuesday, October 20, 2026 07:40 GMT", "date": "2026-10-20"},
    {"id": "e000a", "doc": "000", "anchor": "for a second day on Tuesday", "event": "ambulances diverted for a second day",
     "time_text": "on Tuesday", "date": "2026-10-20"},
    {"id": "e000b", "doc": "000", "anchor": "The attack began at 3:15 a.m. on Monday", "event": "ransomware attack begins",
     "time_text": "at 3:15 a.m. on Monday", "date": "2026-10-19"},
    {"id": "e000c", "doc": "000", "anchor": "posted a sample of files on its leak site late on Monday",
     "event": "Mothcrane posts a sample of files", "time_text": "late on Monday", "date": "2026-10-19"},
    {"id": "e000d", "doc": "000", "anchor": "sent on to hospitals in Portlaine and Ostery since early Monday",
     "event": "ambulances sent on to other hospitals", "time_text": "since early Monday", "date": "2026-10-19"},
    {"id": "e000e", "doc": "000", "anchor": "visited Kesterby University Hospital on Monday night", "event": "Rask visits the hospital",
     "time_text": "on Monday night", "date": "2026-10-19"},
    {"id": "e000f", "doc": "000", "anchor": "first warned the network last autumn", "event": "CCDA first warns the network",
     "time_text": "last autumn", "year": 2025, "months": AUTUMN},
    # 001 (date line 2026-10-20 18:45 +02:00)
    {"id": "e001p", "doc": "001", "anchor": "2026-10-20T18:45:00+02:00", "event": "publication",
     "time_text": "2026-10-20T18:45:00+02:00", "date": "2026-10-20"},
    {"id": "e001a", "doc": "001", "anchor": "Saltmoor Health Network said on Tuesday evening", "event": "network gives the count of postponed operations",
     "time_text": "on Tuesday evening", "date": "2026-10-20"},
    {"id": "e001b", "doc": "001", "anchor": "the cyberattack began early on Monday", "event": "ransomware attack begins",
     "time_text": "early on Monday", "date": "2026-10-19"},
    {"id": "e001c", "doc": "001", "anchor": "closed to ambulances until at least Thursday", "event": "emergency departments closed to ambulances",
     "time_text": "until at least Thursday", "date": "2026-10-22"},
    {"id": "e001d", "doc": "001", "anchor": "called off on Monday morning", "event": "Aalto's hip replacement called off",
     "time_text": "on Monday morning", "date": "2026-10-19"},
    {"id": "e001e", "doc": "001", "anchor": "toured Kesterby University Hospital on Monday night", "event": "Rask visits the hospital",
     "time_text": "on Monday night", "date": "2026-10-19"},
    {"id": "e001f", "doc": "001", "anchor": "repeated on Tuesday", "event": "Rask repeats the government will not pay",
     "time_text": "on Tuesday", "date": "2026-10-20"},
    {"id": "e001g", "doc": "001", "anchor": "outside Brinlow Community Hospital for more than an hour on Monday",
     "event": "patients wait in ambulances outside Brinlow", "time_text": "on Monday", "date": "2026-10-19"},
    {"id": "e001h", "doc": "001", "anchor": "An internal audit completed late last month", "event": "internal IT audit completed",
     "time_text": "late last month", "year": 2026, "months": [9]},
    # 002 (date line 20.10.2026 12:17 CEST)
    {"id": "e002p", "doc": "002", "anchor": "20.10.2026 | 12:17 CEST", "event": "publication",
     "time_text": "20.10.2026 | 12:17 CEST", "date": "2026-10-20"},
    {"id": "e002a", "doc": "002", "anchor": "for a second day on Tuesday", "event": "ambulances diverted for a second day",
     "time_text": "on Tuesday", "date": "2026-10-20"},
    {"id": "e002b", "doc": "002", "anchor": "The attack began at 3:15 a.m. on Monday", "event": "ransomware attack begins",
     "time_text": "at 3:15 a.m. on Monday", "date": "2026-10-19"},
    {"id": "e002c", "doc": "002", "anchor": "posted a sample of files on its leak site late on Monday",
     "event": "Mothcrane posts a sample of files", "time_text": "late on Monday", "date": "2026-10-19"},
    {"id": "e002d", "doc": "002", "anchor": "sent on to hospitals in Portlaine and Ostery since early Monday",
     "event": "ambulances sent on to other hospitals", "time_text": "since early Monday", "date": "2026-10-19"},
    {"id": "e002e", "doc": "002", "anchor": "was heavy on Tuesday morning", "event": "heavy traffic outside Kesterby University Hospital",
     "time_text": "on Tuesday morning", "date": "2026-10-20"},
    {"id": "e002f", "doc": "002", "anchor": "first warned the network last autumn", "event": "CCDA first warns the network",
     "time_text": "last autumn", "year": 2025, "months": AUTUMN},
    # 003 (date line 2026-10-21 05:30 GMT, a Wednesday)
    {"id": "e003p", "doc": "003", "anchor": "Published: 05:30 GMT, 21 October 2026", "event": "publication",
     "time_text": "05:30 GMT, 21 October 2026", "date": "2026-10-21"},
    {"id": "e003u", "doc": "003", "anchor": "Updated: 09:12 GMT, 21 October 2026", "event": "article updated",
     "time_text": "09:12 GMT, 21 October 2026", "date": "2026-10-21"},
    {"id": "e003a", "doc": "003", "anchor": "told the Clarion last night", "event": "senior official gives the Clarion the 600,000 figure",
     "time_text": "last night", "date": "2026-10-20"},
    {"id": "e003b", "doc": "003", "anchor": "had been postponed since Monday", "event": "operations postponed",
     "time_text": "since Monday", "date": "2026-10-19"},
    {"id": "e003c", "doc": "003", "anchor": "admitted by the network on Tuesday", "event": "network gives the count of postponed operations",
     "time_text": "on Tuesday", "date": "2026-10-20"},
    {"id": "e003d", "doc": "003", "anchor": "first warned the network in March", "event": "CCDA first warns the network",
     "time_text": "in March", "year": 2026, "months": [3]},
    {"id": "e003e", "doc": "003", "anchor": "had not been home since Sunday", "event": "Liv Rask at work without a break",
     "time_text": "since Sunday", "date": "2026-10-18"},
    # 004 has no date: everything is in events_unresolved.
    # 005 (date line Thursday 2026-10-22 08:05 GMT+2)
    {"id": "e005p", "doc": "005", "anchor": "Thu, October 22, 2026 at 8:05 AM GMT+2", "event": "publication",
     "time_text": "Thu, October 22, 2026 at 8:05 AM GMT+2", "date": "2026-10-22"},
    {"id": "e005a", "doc": "005", "anchor": "fell 7.4% on Wednesday", "event": "Veltrix shares fall",
     "time_text": "on Wednesday", "date": "2026-10-21"},
    {"id": "e005b", "doc": "005", "anchor": "their lowest level since March 2023", "event": "Veltrix share price low",
     "time_text": "since March 2023", "year": 2023, "months": [3]},
    {"id": "e005c", "doc": "005", "anchor": "The hospital group said on Wednesday", "event": "network gives the count of postponed operations",
     "time_text": "on Wednesday", "date": "2026-10-21"},
    {"id": "e005d", "doc": "005", "anchor": "since the attack began on Monday", "event": "ransomware attack begins",
     "time_text": "on Monday", "date": "2026-10-19"},
    {"id": "e005e", "doc": "005", "anchor": "reopened to ambulances at 7 a.m. on Wednesday", "event": "emergency departments reopen to ambulances",
     "time_text": "at 7 a.m. on Wednesday", "date": "2026-10-21"},
    {"id": "e005f", "doc": "005", "anchor": "released a fix for the flaw in September last year", "event": "Veltrix releases a fix",
     "time_text": "in September last year", "year": 2025, "months": [9]},
    {"id": "e005g", "doc": "005", "anchor": "who struck earlier this week", "event": "ransomware attack",
     "time_text": "earlier this week", "year": 2026, "months": [10]},
    {"id": "e005h", "doc": "005", "anchor": "on IT security last year", "event": "health networks' IT security spending",
     "time_text": "last year", "year": 2025, "months": ALL_MONTHS},
    {"id": "e005i", "doc": "005", "anchor": "checking its gateways this week", "event": "health networks check their gateways",
     "time_text": "this week", "year": 2026, "months": [10]},
]
# Placed in time only by words that need a date the text does not give (004 has none): not
# scored. True dates kept for reference.
events_unresolved = [
    {"doc": "004", "anchor": "Monday's attack on the Saltmoor Health Network", "event": "ransomware attack begins",
     "time_text": "Monday's", "true_date": "2026-10-19"},
    {"doc": "004", "anchor": "a flaw Veltrix disclosed last September", "event": "Veltrix discloses the flaw",
     "time_text": "last September", "true_date": "2025-09"},
    {"doc": "004", "anchor": "at least 14 organisations since March", "event": "Mothcrane's attacks",
     "time_text": "since March", "true_date": "2026-03"},
    {"doc": "004", "anchor": "warned all health networks last autumn", "event": "CCDA warns all health networks",
     "time_text": "last autumn", "true_date": "2025-09/2025-11"},
    {"doc": "004", "anchor": "rose by 27% last year", "event": "health-sector attacks rise",
     "time_text": "last year", "true_date": "2025"},
]

# (id, label, members, status, why, independent reports)
groups = [
    ("g-data-patients", "Patients whose data may have been taken",
     ["n000e", "n002e", "n003b", "n004k", "n005k", "n003a"], "conflict",
     "the network's 'about 410,000' (369,000-451,000; via the CPN wire, its copy in 002, the Clarion, Packet Desk and Capital Brief) cannot be squared with the Clarion's unnamed senior official's 'more than 600,000'", 4),
    ("g-operations", "Planned operations postponed since Monday",
     ["n000b", "n002b", "n001a", "n003e", "n005c", "n003d"], "conflict",
     "the network's own running total (more than 1,100 on Tuesday morning via CPN, 1,140 on Tuesday evening, 1,380 on Wednesday) is consistent, but the nurses' union's 'almost 2,000' (1,800-2,000) in the Clarion is above even the network's later count of 1,380 for the same days", 4),
    ("g-ambulances", "Ambulances diverted to other hospitals", ["n000g", "n002g", "n003m"], "compatible",
     "all from the Saltmoor Ambulance Service: more than 120 on Tuesday (CPN and its copy), more than 150 a day later", 2),
    ("g-ransom", "The ransom demanded", ["n000d", "n002d", "n003h", "n004g", "n005i"], "agree",
     "$2.5 million in bitcoin everywhere (Packet Desk converts the note's 38 bitcoin; Capital Brief hedges it as 'a reported'); 000 and 002 are one CPN report", 4),
    ("g-gang-records", "Patient records the gang claims to hold", ["n000f", "n002f", "n004h"], "compatible",
     "the gang's own leak-site claim: 'nearly 1.2 million' in the CPN wire and its copy, an exact 1.2 million in Packet Desk", 2),
    ("g-hospitals", "Hospitals in the network", ["n000c", "n000i", "n002c", "n002h", "n003f", "n004a"], "agree",
     "four hospitals in every report that counts them (Marsk's quote and the network's profile in CPN and its copy, the Clarion, Packet Desk)", 3),
    ("g-clinics", "Clinics in the network", ["n000j", "n002i"], "agree",
     "23 in both; 002 is the CPN wire republished: one source", 1),
    ("g-served", "People the network serves", ["n000k", "n002j", "n005j"], "agree",
     "about 900,000 in the CPN wire, its copy and Capital Brief", 2),
    ("g-diverting", "Hospitals diverting ambulances", ["n000a", "n002a"], "agree",
     "two hospitals in both; one source, Marsk via the CPN wire", 1),
    ("g-aalto-age", "Age of Henrik Aalto", ["n001g", "n003k"], "agree", "71 in the Courier and in the Clarion", 2),
    ("g-aalto-wait", "How long Aalto had waited for his hip", ["n001h", "n003l"], "agree",
     "14 months in Aalto's own words in both papers", 2),
    ("g-liv-age", "Age of the nurse Liv Rask", ["n001f", "n003n"], "agree", "38 in the Courier and in the Clarion", 2),
    ("g-unpatched", "Veltrix customers without the fix", ["n004m", "n005h"], "agree",
     "fewer than 5% in both; Veltrix told both outlets", 2),
    ("g-marsk-pen", "Marsk: back to pen and paper", ["q000c", "q002c", "q003h", "q005d"], "agree",
     "the whole sentence in CPN and its copy, the words 'pen and paper' in the Clarion and Capital Brief", 3),
    ("g-marsk-staff", "Marsk: staff doing extraordinary work", ["q000d", "q002d", "q004h"], "agree",
     "the CPN sentence, cut short in its copy, and the fragment 'extraordinary work' in Packet Desk", 2),
    ("g-rask-cent", "Rask: not a single cent; the hackers will answer to a court",
     ["q000l", "q002k", "q001q", "q001p", "q003k", "q005i"], "agree",
     "one statement: whole in CPN, its first sentence in the copy (given to 'the minister'), and the fragments 'a single cent', 'answer to a Castrovan court' and 'not pay these people a single cent' in the Courier, the Clarion and Capital Brief", 4),
    ("g-gateway", "The attackers got in through the Veltrix gateway", ["q000m", "q002l", "q004a"], "agree",
     "Feldt (police) via CPN and its copy, and the network via Packet Desk", 2),
    ("g-ccda-warning", "The CCDA warned of the gateway last autumn", ["q000n", "q002m", "q004j"], "agree",
     "an unnamed CCDA official via CPN and its copy, and the agency's own statement in Packet Desk", 2),
    ("g-scheduled", "Network: the update had been 'scheduled'", ["q000o", "q002n"], "agree",
     "the same word; 002 is the CPN copy", 1),
    ("g-haugen-hostage", "Haugen: 'They held our hospitals hostage'", ["q003a", "q003f"], "agree",
     "the headline repeats the start of the body quote", 1),
    ("g-attack-date", "Start of the attack", ["e000b", "e002b", "e001b", "e005d"], "agree",
     "Monday 19 October 2026 in every dated report (3:15 a.m. in CPN and its copy)", 3),
    ("g-warning-date", "When the CCDA first warned the network", ["e000f", "e002f", "e003d"], "conflict",
     "'first warned ... last autumn' (autumn 2025, an unnamed CCDA official via CPN and its copy) against the Clarion's 'first warned ... in March' (March 2026)", 2),
    ("g-rask-visit", "Rask's visit to Kesterby University Hospital", ["e000e", "e001e"], "agree",
     "Monday night, 19 October, in CPN and the Courier", 2),
    ("g-leak-sample", "Mothcrane posts a sample of files", ["e000c", "e002c"], "agree",
     "late on Monday in both; 002 is the CPN copy", 1),
    ("g-ed-reopen", "Emergency departments closed to ambulances", ["e001c", "e005e"], "compatible",
     "the network's Tuesday plan (closed until at least Thursday) was overtaken: Capital Brief says they reopened on Wednesday, 'earlier than planned'", 2),
    ("g-ops-count-date", "When the network gave its operations count", ["e001a", "e003c"], "agree",
     "Tuesday 20 October in the Courier and the Clarion (the 1,140 figure)", 2),
]

# Look alike, but different facts: a ledger should not put them in one group.
separate = [
    {"members": ["n000h", "n003g"],
     "why": "up to 40 minutes added to ambulance journeys against up to 40 staff a day borrowed from other networks"},
    {"members": ["n000a", "n000i"],
     "why": "the two hospitals that diverted ambulances are part of the four hospitals the network runs"},
    {"members": ["n005c", "n003o"],
     "why": "1,380 postponed operations against an estimated 9,000 cancelled outpatient appointments: different measures"},
    {"members": ["n001h", "n004d"],
     "why": "Aalto's 14 months of waiting against at least 14 organisations hit by the gang"},
    {"members": ["n004m", "n005d"],
     "why": "fewer than 5% of Veltrix customers without the fix against about 60% of the network's systems back online"},
]

entities = [
    {"canonical": "Helena Marsk", "type": "PERSON", "aliases": ["Dr Helena Marsk", "Helena Marsk", "Marsk"]},
    {"canonical": "Jonas Rask", "type": "PERSON", "aliases": ["Health Minister Jonas Rask", "Jonas Rask", "Rask"]},
    {"canonical": "Liv Rask", "type": "PERSON", "aliases": ["Liv Rask", "Nurse Liv Rask"]},
    {"canonical": "Aino Feldt", "type": "PERSON", "aliases": ["Detective Superintendent Aino Feldt", "Aino Feldt"]},
    {"canonical": "Clara Ivens", "type": "PERSON", "aliases": ["Clara Ivens"]},
    {"canonical": "Henrik Aalto", "type": "PERSON", "aliases": ["Henrik Aalto", "Aalto"]},
    {"canonical": "Rafael Ennis", "type": "PERSON", "aliases": ["Rafael Ennis"]},
    {"canonical": "Dagny Haugen", "type": "PERSON", "aliases": ["Dagny Haugen", "Ms Haugen"]},
    {"canonical": "Yusuf Arden", "type": "PERSON", "aliases": ["Yusuf Arden", "Arden"]},
    {"canonical": "Petra Lindahl", "type": "PERSON", "aliases": ["Petra Lindahl", "Lindahl"]},
    {"canonical": "Saltmoor Health Network", "type": "ORG", "aliases": ["Saltmoor Health Network", "SHN"]},
    {"canonical": "Kesterby University Hospital", "type": "ORG", "aliases": ["Kesterby University Hospital"]},
    {"canonical": "Brinlow Community Hospital", "type": "ORG", "aliases": ["Brinlow Community Hospital"]},
    {"canonical": "Saltmoor Ambulance Service", "type": "ORG", "aliases": ["Saltmoor Ambulance Service"]},
    {"canonical": "Saltmoor Police", "type": "ORG", "aliases": ["Saltmoor Police"]},
    {"canonical": "Castrovan Cyber Defence Agency", "type": "ORG", "aliases": ["Castrovan Cyber Defence Agency", "CCDA"]},
    {"canonical": "Castrovan Nurses' Union", "type": "ORG", "aliases": ["Castrovan Nurses’ Union"]},
    {"canonical": "Saltmoor Patients' Association", "type": "ORG", "aliases": ["Saltmoor Patients’ Association"]},
    {"canonical": "Health Ministry", "type": "ORG", "aliases": ["Health Ministry"]},
    {"canonical": "Mothcrane", "type": "ORG", "aliases": ["Mothcrane", "the Paper Moths"]},
    {"canonical": "Veltrix Systems", "type": "ORG", "aliases": ["Veltrix Systems", "Veltrix"]},
    {"canonical": "Sentrel Security", "type": "ORG", "aliases": ["Sentrel Security"]},
    {"canonical": "Grayhook Securities", "type": "ORG", "aliases": ["Grayhook Securities", "Grayhook"]},
    {"canonical": "Castrovan Stock Exchange", "type": "ORG", "aliases": ["Castrovan Stock Exchange"]},
    {"canonical": "CPN", "type": "ORG", "aliases": ["CPN"]},
    {"canonical": "The Kesterby Courier", "type": "ORG", "aliases": ["the Courier"]},
    {"canonical": "The Morning Clarion", "type": "ORG", "aliases": ["the Clarion"]},
    {"canonical": "Packet Desk", "type": "ORG", "aliases": ["Packet Desk"]},
    {"canonical": "Capital Brief", "type": "ORG", "aliases": ["Capital Brief"]},
    {"canonical": "Castrova", "type": "GPE", "aliases": ["Castrova", "Aldmere"]},
    {"canonical": "Saltmoor", "type": "GPE", "aliases": ["Saltmoor"]},
    {"canonical": "Kesterby", "type": "GPE", "aliases": ["Kesterby"]},
    {"canonical": "Brinlow", "type": "GPE", "aliases": ["Brinlow"]},
    {"canonical": "Portlaine", "type": "GPE", "aliases": ["Portlaine"]},
    {"canonical": "Ostery", "type": "GPE", "aliases": ["Ostery"]},
    {"canonical": "Ferris Bay", "type": "GPE", "aliases": ["Ferris Bay"]},
    {"canonical": "Castrovan", "type": "NORP", "aliases": ["Castrovan"]},
    {"canonical": "Veltrix Gate 6200", "type": "PRODUCT", "aliases": ["Veltrix Gate 6200"]},
]
# Pairs that must stay apart: the health minister and the nurse, both named Rask. (The town of
# Brinlow and Brinlow Community Hospital are separate entities too, but a pair whose one name
# contains the other is not listed: a ledger made from this key itself was charged a violation
# for that pair by score.py.)
distinct = [
    ["Jonas Rask", "Liv Rask"],
]

# Spans whose first occurrence is meant although the text repeats them.
FIRST_OCCURRENCE = {
    ("003", "They held our hospitals hostage"),  # the headline quote
}


def main() -> int:
    texts = {d: (HERE / f).read_text(encoding="utf-8") for d, f in DOCS.items()}
    bad = []

    def bp_spans(d):
        out, pos = [], 0
        for line in texts[d].splitlines(keepends=True):
            core = line.strip()
            if core and core in documents[d]["boilerplate"]:
                s = pos + len(line) - len(line.lstrip())
                out.append((s, s + len(core)))
            pos += len(line)
        return out

    def check(kind, ident, doc, s, in_body=True):
        n = texts[doc].count(s)
        if n == 0 or (n > 1 and (doc, s) not in FIRST_OCCURRENCE):
            bad.append(f"{kind} {ident}: {s!r} occurs {n} times in {DOCS[doc]}")
            return
        i = texts[doc].find(s)
        if in_body and any(a < i + len(s) and i < b for a, b in bp_spans(doc)):
            bad.append(f"{kind} {ident}: {s!r} lies in a boilerplate line")

    for qid, doc, content, _, _ in quotes:
        check("quote", qid, doc, content)
    for doc, words in not_quotes:
        if words not in texts[doc]:
            bad.append(f"not_quote {doc}: {words!r}")
    for q in Q:
        check("quantity", q["id"], q["doc"], q["anchor"])
        m = q["measure"]
        if not any(w.lower() in texts[q["doc"]].lower() for w in m):
            bad.append(f"quantity {q['id']}: no measure word {m!r} in {DOCS[q['doc']]}")
    for e in events:
        check("event", e["id"], e["doc"], e["anchor"], in_body=False)
        if e["time_text"] not in e["anchor"] and e["time_text"] not in texts[e["doc"]]:
            bad.append(f"event {e['id']}: time_text {e['time_text']!r} not in the article")
        if "date" not in e and "year" not in e and "months" not in e:
            bad.append(f"event {e['id']}: no time")
    for e in events_unresolved:
        check("unresolved event", e["time_text"], e["doc"], e["anchor"])
    for a, b in distinct:
        if not any(a in t for t in texts.values()) or not any(b in t for t in texts.values()):
            bad.append(f"distinct pair {a!r} / {b!r}: not both in the articles")
    bodies = [" ".join("" if ln.strip() in documents[d]["boilerplate"] else ln for ln in t.splitlines())
              for d, t in texts.items()]
    for ent in entities:
        for a in ent["aliases"]:
            if not any(re.search(r"(?<!\w)" + re.escape(a) + r"(?!\w)", t) for t in bodies):
                bad.append(f"entity {ent['canonical']!r}: alias {a!r} not in the articles outside boilerplate")
    for d, meta in documents.items():
        lines = [ln.strip() for ln in texts[d].splitlines()]
        for b in meta["boilerplate"]:
            if b not in lines:
                bad.append(f"boilerplate {d}: {b!r}")
        if meta.get("title") and meta["title"] not in lines:
            bad.append(f"title {d}: {meta['title']!r}")
    ids = [q[0] for q in quotes] + [q["id"] for q in Q] + [e["id"] for e in events]
    if len(ids) != len(set(ids)):
        bad.append("duplicate ids: " + ", ".join(sorted({i for i in ids if ids.count(i) > 1})))
    for gid, _, members, status, _, _ in groups:
        if len(members) < 2 or status not in ("agree", "compatible", "conflict"):
            bad.append(f"group {gid}: too few members or bad status")
        for m in members:
            if m not in ids:
                bad.append(f"group {gid}: unknown member {m}")
    gids = [g[0] for g in groups]
    if len(gids) != len(set(gids)):
        bad.append("duplicate group ids")
    for s in separate:
        for m in s["members"]:
            if m not in ids:
                bad.append(f"separate: unknown member {m}")
    bad += RULE
    if bad:
        print("the key has problems:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    gold = {
        "about": "Answer key for six invented articles on a ransomware attack on the Saltmoor Health Network in the fictional country of Castrova (from Monday 19 October 2026). Anchors are exact substrings of the article files.",
        "documents": {d: {"file": DOCS[d], **m} for d, m in documents.items()},
        "quotes": [{"id": i, "doc": d, "content": c, "speaker": s, "direct": direct}
                   for i, d, c, s, direct in quotes],
        "not_quotes": [{"doc": d, "words": w} for d, w in not_quotes],
        "quantities": Q,
        "events": events,
        "events_unresolved": events_unresolved,
        "groups": [{"id": g, "label": lab, "members": m, "status": st, "why": why, "independent_reports": n}
                   for g, lab, m, st, why, n in groups],
        "separate": separate,
        "entities": entities,
        "distinct": distinct,
    }
    (HERE / "gold.json").write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {HERE / 'gold.json'}: {len(quotes)} quotes, {len(Q)} quantities, {len(events)} events, "
          f"{len(groups)} groups, {len(entities)} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
