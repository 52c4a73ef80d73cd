#!/usr/bin/env python3
"""Build gold.json beside this file: the hand-made answer key for the invented brannock-crush
bundle (a crush on an exit stairway of Brannock Stadium, Halvern, after a Velmoran Cup
semi-final on Friday 13 March 2026; six articles from six invented outlets, one of them a
republished copy of the wire report).

Run it from anywhere (`python3 build_gold.py`): it reads the articles beside itself and writes
gold.json there. The key's form is the one in eval/FORMAT.md ("Answer keys (gold.json)").
Every `anchor` and quote `content` must occur in its article, and exactly once unless it is
listed in FIRST_OCCURRENCE (where the first occurrence is the one meant); no quantity or quote
may lie in a boilerplate line; every group member must name an existing id; every entity alias
must occur as a whole word outside the boilerplate lines; every approximate interval must be
FORMAT.md's. The script refuses to write the file otherwise.

Conventions (those of the development keys, with the one difference noted):
- Quantities: every numeric claim in the body text, repeated mentions included, numbers inside
  quotes included. Headline numbers, dates, clock times, years, the score ("2-1"), gate, tram
  line, model and ticker names ("Gate 9", "Line 4", "Vantis T4", "VSE: CSTN"), the helpline
  number and the page junk ("Comments (214)", "3 min read", "The East Stand at 50") are left
  out. Unlike the development keys, ages are counted as figures ("Tomas Vell, 58" against
  "59-year-old grandfather Tomas Vell" is a real disagreement between outlets).
- Intervals follow FORMAT.md's table and are checked by the `qty` helper: "about / an
  estimated X" -> X +/- 10%; "nearly / just under X" -> 0.9 X to X; "dozens" -> 24-99;
  "hundreds" -> 200-999; "more than X" -> [X, None]; "at least X" -> [X, None]; "up to X" and
  "within X" -> [None, X]; "X to Y" / "between X and Y" -> range. "two dozen" is 24, exact; "a
  third" is the fraction 0.3333, exact. Percentages as printed (3.5 for "3.5%"), money in units.
- source: who the sentence itself credits with the number; None (not scored) when it names
  nobody. 000 and 002 credit the same people because 002 is the VPA copy.
- hedged: "reportedly" (003, a third of the turnstiles), "a reported" (005, the purchase price)
  and "An estimated" with nobody named (005, refund requests). Figures credited to a named
  source are not hedged.
- Events: those whose time the article's own words resolve against its own date line. 002 has
  no date at all, so its "Friday night", "late last month" and "10:41 p.m." are listed in
  `events_unresolved` with the true dates, outside the scored `events`. "last week" in 001
  (published Saturday 2026-03-14) is the week of 2 to 8 March, stated as March 2026; "last
  Tuesday" in 004 (published Monday 2026-03-16) is 2026-03-10; "in November", "since October"
  and "last summer" written in March 2026 fall in 2025.
- Quotes: content is what stands between the quotation marks (a comma or full stop inside the
  marks kept). Reported speech (direct False) gives the reported clause. A reported clause that
  wraps a quoted fragment is listed only where it says more than the fragment (005 Kettle).
  The headline quote of 003 is a quote; its content is also the start of the body quote, so the
  body quote keeps its comma to pin its own span.
- Groups carry an extra field, `independent_reports`: how many independent reports stand behind
  the members (the VPA wire and its republication in 002 count once). score.py ignores it.
- `separate`: pairs that look alike but are different facts; a ledger should not group them.
  score.py ignores it.
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent

DOCS = {
    "000": "000_vpa-wire.txt",
    "001": "001_halvern-daily-post.txt",
    "002": "002_velmora-today.txt",
    "003": "003_daily-courant.txt",
    "004": "004_terrace-report.txt",
    "005": "005_ledgerline.txt",
}

# Accepted speaker / source names.
MARTA = ["Marta Hollis", "Hollis", "Chief Superintendent Marta Hollis"]
MARTA_003 = ["Marta Hollis", "Chief Superintendent Marta Hollis"]  # 003 also has Dean Hollis
DEAN = ["Dean Hollis", "Dean", "teenage football fan", "teenage fan"]
RENN = ["Tobias Renn", "Renn", "Interior Minister Tobias Renn", "the minister"]
ROVERS = ["Halvern Rovers", "Rovers", "the club"]
QUIST = ["Ines Quist", "Quist", "Mayor Ines Quist", "the mayor"]
LIND = ["Oskar Lind", "Lind"]
MARR = ["Gideon Marr", "Marr"]
BRANDT = ["Luka Brandt", "Brandt"]
AMBULANCE = ["Halvern Ambulance Service", "ambulance service", "regional ambulance service"]
ALM = ["Greta Alm", "Alm"]
DUNNE = ["Priya Dunne", "Dunne"]
POLICE = ["police", "Halvern Police Service", "HPS"]
POLICE_WITNESSES = ["police and witnesses", "police", "witnesses"]
FAMILY = ["his family", "family", "Tomas Vell's family"]
VFF = ["Velmoran Football Federation", "VFF", "the federation"]
ORMOND = ["Felix Ormond", "Ormond", "Dr Felix Ormond"]
FAMILIAR = ["person familiar with the talks",
            "person familiar with the talks between the club and the federation"]
KETTLE = ["Warren Kettle", "Kettle"]
SANDOVAL = ["Mira Sandoval", "Sandoval"]
CASTINE = ["Castine Holdings", "Castine", "the company"]
HOSPITAL = ["Hospital bosses"]
SUPPORTERS = ["Supporters"]
HEALTH = ["Health Ministry"]
AMB_CREWS = ["ambulance crews"]

documents = {
    "000": {"title": "Three dead, dozens hurt in crush at Halvern cup semi-final",
            "author": "Lena Farrow and Piet Okafor", "published": "2026-03-14T08:02:00+00:00",
            "outlet": "VPA", "dateline": "Halvern",
            "boilerplate": ["By Lena Farrow and Piet Okafor",
                            "March 14, 2026 8:02 AM UTC",
                            "(Reporting by Lena Farrow and Piet Okafor in Halvern; additional reporting by Jonas Weir; editing by Clara Beck)",
                            "Our Standards: The VPA Editorial Charter."]},
    "001": {"title": "Three dead in Brannock Stadium crush as families ask how it happened",
            "author": "Ruth Amsel", "published": "2026-03-14T09:12:00+00:00",
            "outlet": "Halvern Daily Post", "dateline": None,
            "boilerplate": ["Halvern Daily Post",
                            "News / Halvern / Brannock Stadium",
                            "By Ruth Amsel",
                            "2026-03-14T09:12:00Z",
                            "Flowers and scarves tied to the railings outside Gate 9 on Saturday morning. (Photo: Jonas Kvist/Halvern Daily Post)",
                            "RELATED: Rovers reach cup final with stoppage-time winner",
                            "RELATED: The East Stand at 50: a history in pictures",
                            "Sign up for the Post’s morning briefing: Halvern’s news in your inbox by 7 a.m."]},
    # The VPA wire copy: no byline, no date, the dateline stripped, a "— VPA" credit line.
    "002": {"title": "Halvern stadium crush: three dead, dozens injured",
            "author": None, "published": None, "outlet": "Velmora Today", "credited_outlet": "VPA",
            "dateline": None,
            "boilerplate": ["Velmora Today",
                            "Home | News | Sport | Regions | Weather",
                            "Share on Facebook | Share on X | Share on WhatsApp | Copy link",
                            "— VPA",
                            "Most read in Sport"]},
    # The standfirst ("Police chief faces questions ...") is article text, not boilerplate.
    "003": {"title": "‘I thought I was going to die on those stairs’: Teenage fan tells of horror crush at Halvern stadium that killed three",
            "author": "Callum Ashe", "published": "2026-03-14T11:05:00+00:00",
            "outlet": "Daily Courant", "dateline": None,
            "boilerplate": ["Home › News › World News",
                            "By Callum Ashe, Chief Reporter",
                            "Published: 11:05 GMT, 14 March 2026 | Updated: 16:32 GMT, 14 March 2026",
                            "Share   Tweet   Email   Comments (214)",
                            "Fans carry an injured supporter across the pitch at Brannock Stadium on Friday night. Picture: Sven Holt/Courant Pictures",
                            "Share or comment on this article:",
                            "Comments (214)"]},
    "004": {"title": "Brannock: the stairway everyone warned about",
            "author": "Nadia Ferrante", "published": "2026-03-16",
            "outlet": "The Terrace Report", "dateline": None,
            "boilerplate": ["THE TERRACE REPORT",
                            "Features | Velmoran Cup",
                            "Words: Nadia Ferrante",
                            "Monday 16 March 2026",
                            "Editor's note: An earlier version of this article said the Velmoran Cup final had been moved to Korvik. The federation has not yet decided where the final will be played.",
                            "Share this: X | Facebook | Email",
                            "Sign up to The Terrace Report's weekly newsletter"]},
    # A syndicated copy: a name-only byline line and "Read the original article on Ledgerline".
    "005": {"title": "Halvern Rovers owner’s shares slide after deadly stadium crush",
            "author": "Theo Marchetti", "published": "2026-03-16T14:40:00+00:00",
            "outlet": "Ledgerline", "dateline": None,
            "boilerplate": ["Theo Marchetti",
                            "Mon, March 16, 2026 at 2:40 PM UTC · 3 min read",
                            "Story continues",
                            "Read the original article on Ledgerline"]},
}

# (id, doc, content, accepted speakers, direct)
quotes = [
    # 000 VPA wire (straight double quotes)
    ("q000a", "000", "People were pressed against the railings and could not move forward or back,", MARTA, True),
    ("q000b", "000", "Our officers and the stewards pulled people out with their bare hands.", MARTA, True),
    ("q000c", "000", "Families deserve answers, and they will get them,", RENN, True),
    ("q000d", "000", "If rules were broken, people will be held to account.", RENN, True),
    ("q000e", "000", "devastated", ROVERS, True),
    ("q000f", "000", "Three people were killed and at least 40 injured in a crush on an exit stairway at Brannock Stadium on Friday night as fans left a Velmoran Cup semi-final",
     POLICE, False),
    ("q000g", "000", "The crush began minutes after the final whistle of Halvern Rovers' 2-1 win over Greywater Athletic, when hundreds of supporters leaving the East Stand were funnelled towards a single stairway behind Gate 9",
     POLICE_WITNESSES, False),
    ("q000h", "000", "the first emergency call was logged at 10:41 p.m. CET", MARTA, False),
    ("q000i", "000", "more than 300 officers had been on duty for the match", MARTA, False),
    ("q000j", "000", "Two dozen ambulances were sent to the stadium", AMBULANCE, False),
    ("q000k", "000", "Among the dead was Tomas Vell, 58, a retired tram driver from the city's Oster district", FAMILY, False),
    ("q000l", "000", "the government would set up an independent inquiry", RENN, False),
    ("q000m", "000", "nothing would be ruled out", RENN, False),
    ("q000n", "000", "its stewards had followed the stadium's emergency plan", ROVERS, False),
    ("q000o", "000", "the second semi-final would go ahead in Korvik on Sunday after a period of silence before kick-off", VFF, False),
    # 001 Halvern Daily Post (curly double quotes)
    ("q001a", "001", "Three people died and 43 were injured in the crush on the East Stand stairway at Brannock Stadium after Rovers’ semi-final win on Friday, March 13",
     AMBULANCE, False),
    ("q001b", "001", "19 of the injured had been taken to Halvern General Hospital", BRANDT, False),
    ("q001c", "001", "the last ambulance left the ground nearly 90 minutes after the first call", BRANDT, False),
    ("q001d", "001", "eight people were hurt in a surge on the platform at the Brannock Road tram stop, where about 1,200 fans were waiting for Line 4 trams back to the city centre",
     POLICE, False),
    # A quote standing alone after the paragraph that names Greta Alm.
    ("q001e", "001", "I felt the people behind me keep coming and there was nowhere to go. A young man lifted me over the rail. I don’t know his name, and I want to thank him.",
     ALM, True),
    ("q001f", "001", "full within the hour", DUNNE, True),
    ("q001g", "001", "colleagues had come in from home without being asked", DUNNE, False),
    ("q001h", "001", "the city would pay for the funerals of the three victims", QUIST, False),
    ("q001i", "001", "This city will grieve together,", QUIST, True),
    ("q001j", "001", "and it will not rest until we know what went wrong on those stairs.", QUIST, True),
    ("q001k", "001", "the group had written to the club in November to warn that the exit gates at the bottom were often left half-shut after matches",
     LIND, False),
    ("q001l", "001", "We told them. We told them in writing,", LIND, True),
    ("q001m", "001", "Nobody wrote back.", LIND, True),
    ("q001n", "001", "the stand’s safety certificate had been renewed last week by the city’s licensing board", MARR, False),
    ("q001o", "001", "every gate had been checked before kick-off", MARR, False),
    ("q001p", "001", "to hand all CCTV footage to police on Monday", MARR, False),
    ("q001q", "001", "would cut queues", ROVERS, False),
    # 002 Velmora Today, the VPA copy (guillemets, punctuation outside the marks)
    ("q002a", "002", "People were pressed against the railings and could not move forward or back", MARTA, True),
    ("q002b", "002", "Our officers and the stewards pulled people out with their bare hands.", MARTA, True),
    ("q002c", "002", "Families deserve answers, and they will get them", RENN, True),
    ("q002d", "002", "devastated", ROVERS, True),
    ("q002e", "002", "Three people were killed and at least 40 injured in a crush on an exit stairway at Brannock Stadium on Friday night as fans left a Velmoran Cup semi-final",
     POLICE, False),
    ("q002f", "002", "The crush began minutes after the final whistle of Halvern Rovers' 2-1 win over Greywater Athletic, when hundreds of supporters leaving the East Stand were funnelled towards a single stairway behind Gate 9",
     POLICE_WITNESSES, False),
    ("q002g", "002", "the first emergency call came in at 10:41 p.m.", MARTA, False),
    ("q002h", "002", "more than 300 officers had been on duty", MARTA, False),
    ("q002i", "002", "Two dozen ambulances were sent to the stadium", AMBULANCE, False),
    ("q002j", "002", "Among the dead was Tomas Vell, 58, a retired tram driver", FAMILY, False),
    ("q002k", "002", "the government would set up an independent inquiry", RENN, False),
    ("q002l", "002", "nothing would be ruled out", RENN, False),
    # 003 Daily Courant (curly single quotes in the headline, straight single quotes in the body)
    ("q003a", "003", "I thought I was going to die on those stairs", DEAN, True),  # headline
    ("q003b", "003", "he was lifted off his feet and carried down a packed stairway in a crush that killed three people at a cup semi-final",
     DEAN, False),
    ("q003c", "003", "I thought I was going to die on those stairs,", DEAN, True),
    # A quote over two paragraphs: the first has no closing mark.
    ("q003d", "003", "You could hear people screaming for their mums. I couldn't get my arms up to protect my face.", DEAN, True),
    ("q003e", "003", "When we got to the bottom the gates were only half open. The stewards were shouting at us to go back, but there was no back.",
     DEAN, True),
    ("q003f", "003", "eight people were critically injured, including a 17-year-old boy", HOSPITAL, False),
    ("q003g", "003", "about 36,000 people were inside the ground for the match against Greywater Athletic", POLICE, False),
    ("q003h", "003", "the East Stand appeared to have been between 12% and 15% over its licensed capacity", ORMOND, False),
    ("q003i", "003", "the exit gates at the bottom of the stairway were kept shut for between 15 and 20 minutes after the final whistle",
     SUPPORTERS, False),
    ("q003j", "003", "her officers would examine every decision made that night", MARTA_003, False),
    ("q003k", "003", "Including our own,", MARTA_003, True),
    ("q003l", "003", "Rovers could be fined €300,000 to €400,000 and made to play the final behind closed doors", FAMILIAR, False),
    ("q003m", "003", "Our thoughts are with the families and with everyone who was hurt. We will give the police whatever they need.",
     MARR, True),
    # 004 The Terrace Report (straight double quotes, one „…“)
    ("q004a", "004", "more than 50 people had been treated for injuries", HEALTH, False),
    ("q004b", "004", "the warnings went back years", LIND, False),
    # A quote over two paragraphs, standing after the paragraph that names Lind.
    ("q004c", "004", "Every season we raised it. We raised it at fan forums, we raised it with the safety officer, we put it in writing in November.",
     LIND, True),
    ("q004d", "004", "What we got back was a new set of turnstiles and a leaflet about 'responsible exiting'. That is not a safety plan.",
     LIND, True),
    ("q004e", "004", "The trust wrote to the club again last Tuesday", LIND, False),
    ("q004f", "004", "he never got a reply", LIND, False),
    ("q004g", "004", "the stand was properly certified", ROVERS, False),
    ("q004h", "004", "The federation will cooperate fully with the inquiry and will not prejudge its findings.", VFF, True),
    ("q004i", "004", "nothing would be ruled out", RENN, False),
    ("q004j", "004", "the inquiry will report within six months", RENN, False),
    ("q004k", "004", "he had asked the police for the names of everyone in the stadium control room", RENN, False),
    ("q004l", "004", "the city could not ask fans to walk down those stairs again", QUIST, False),
    ("q004m", "004", "until somebody can promise them they will walk back up", QUIST, True),
    # 005 Ledgerline (curly single quotes with apostrophes inside)
    ("q005a", "005", "it had set aside $2.4 million for a fund to support the victims’ families", CASTINE, False),
    ("q005b", "005", "it would also pay for counselling for stewards who worked on the night", CASTINE, False),
    ("q005c", "005", "the group’s insurance would cover ‘the great majority’ of any claims", KETTLE, False),
    ("q005d", "005", "the great majority", KETTLE, True),
    ("q005e", "005", "We’re not going to hide behind lawyers,", KETTLE, True),
    ("q005f", "005", "If the club got this wrong, we will pay for it.", KETTLE, True),
    ("q005g", "005", "a closure lasting more than a month could cost the club between €4 million and €6 million in lost match-day revenue",
     SANDOVAL, False),
    ("q005h", "005", "Fines of up to €400,000 are being discussed between the club and the Velmoran Football Federation", FAMILIAR, False),
    ("q005i", "005", "Investors will look past a bad week,", SANDOVAL, True),
    ("q005j", "005", "They will not look past a finding of negligence.", SANDOVAL, True),
]

# Quoted words that are nobody's statement: a nickname and two scare quotes.
not_quotes = [
    ("000", "the Funnel"),
    ("001", "Funnel"),
    ("002", "the Funnel"),
    ("003", "controlled exit"),
    ("004", "the Funnel"),
    ("004", "responsible exiting"),
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
    if qualifier in ("exact",) and not (low == high == value):
        RULE.append(f"quantity {qid}: exact but interval {[low, high]}")
    if qualifier in ("more_than", "at_least") and not (low == value and high is None):
        RULE.append(f"quantity {qid}: lower bound but interval {[low, high]}")
    if qualifier in ("at_most", "less_than") and not (low is None and high == value):
        RULE.append(f"quantity {qid}: upper bound but interval {[low, high]}")
    Q.append({"id": qid, "doc": doc, "anchor": anchor, "value": value,
              "interval": [low, high], "qualifier": qualifier, "measure": measure,
              "source": source, "hedged": hedged})


KILLED = ["killed", "died", "dead", "deaths"]
INJURED = ["injured", "injuries", "hurt", "injur"]
AGE = ["age", "aged", "year-old", "years old"]
CROWD = ["crowd", "attendance", "attended", "inside the ground", "people"]
THIRD = 0.3333

# 000 VPA wire
qty("n000a", "000", "Three people were killed", 3, 3, 3, "exact", KILLED, POLICE)
qty("n000b", "000", "at least 40 injured", 40, 40, None, "at_least", INJURED, POLICE)
qty("n000c", "000", "hundreds of supporters", None, 200, 999, "approximate", ["supporters", "funnelled", "leaving"],
    POLICE_WITNESSES)
qty("n000d", "000", "more than 300 officers", 300, 300, None, "more_than", ["officers", "on duty"], MARTA)
qty("n000e", "000", "Two dozen ambulances", 24, 24, 24, "exact", ["ambulances"], AMBULANCE)
qty("n000f", "000", "the crowd at 31,200", 31200, 31200, 31200, "exact", CROWD, ROVERS)
qty("n000g", "000", "capacity of 32,000", 32000, 32000, 32000, "exact", ["capacity"])
qty("n000h", "000", "Tomas Vell, 58", 58, 58, 58, "exact", AGE + ["Vell"], FAMILY)
qty("n000i", "000", "the other two victims", 2, 2, 2, "exact", ["victims", "named"])
# 001 Halvern Daily Post
qty("n001a", "001", "Three people died", 3, 3, 3, "exact", KILLED, AMBULANCE)
qty("n001b", "001", "43 were injured", 43, 43, 43, "exact", INJURED, AMBULANCE)
qty("n001c", "001", "19 of the injured had been taken to Halvern General Hospital", 19, 19, 19, "exact",
    ["taken to", "hospital", "Hospital"], BRANDT)
qty("n001d", "001", "nearly 90 minutes", 90, 81, 90, "approximate", ["minutes", "ambulance", "after the first call"], BRANDT)
qty("n001e", "001", "eight people were hurt", 8, 8, 8, "exact", ["hurt", "injured", "tram stop"], POLICE)
qty("n001f", "001", "about 1,200 fans", 1200, 1080, 1320, "approximate", ["fans", "waiting", "tram"], POLICE)
qty("n001g", "001", "Greta Alm, 63", 63, 63, 63, "exact", AGE + ["Alm"])
qty("n001h", "001", "the three victims", 3, 3, 3, "exact", ["victims", "funerals"], QUIST)
# 002 Velmora Today (the VPA copy)
qty("n002a", "002", "Three people were killed", 3, 3, 3, "exact", KILLED, POLICE)
qty("n002b", "002", "at least 40 injured", 40, 40, None, "at_least", INJURED, POLICE)
qty("n002c", "002", "hundreds of supporters", None, 200, 999, "approximate", ["supporters", "funnelled", "leaving"],
    POLICE_WITNESSES)
qty("n002d", "002", "more than 300 officers", 300, 300, None, "more_than", ["officers", "on duty"], MARTA)
qty("n002e", "002", "Two dozen ambulances", 24, 24, 24, "exact", ["ambulances"], AMBULANCE)
qty("n002f", "002", "the crowd at 31,200", 31200, 31200, 31200, "exact", CROWD, ROVERS)
qty("n002g", "002", "capacity of 32,000", 32000, 32000, 32000, "exact", ["capacity"])
qty("n002h", "002", "Tomas Vell, 58", 58, 58, 58, "exact", AGE + ["Vell"], FAMILY)
# 003 Daily Courant
qty("n003a", "003", "a crush that killed three people", 3, 3, 3, "exact", KILLED)
qty("n003b", "003", "Dean Hollis, 19", 19, 19, 19, "exact", AGE + ["Hollis"])
qty("n003c", "003", "two friends", 2, 2, 2, "exact", ["friends"])
qty("n003d", "003", "two broken ribs", 2, 2, 2, "exact", ["ribs", "broken"])
qty("n003e", "003", "Dozens of fans were hurt", None, 24, 99, "approximate", INJURED)
qty("n003f", "003", "eight people were critically injured", 8, 8, 8, "exact", ["critically injured", "critical"], HOSPITAL)
qty("n003g", "003", "a 17-year-old boy", 17, 17, 17, "exact", AGE + ["boy"], HOSPITAL)
qty("n003h", "003", "59-year-old grandfather Tomas Vell", 59, 59, 59, "exact", AGE + ["Vell"])
qty("n003i", "003", "about 36,000 people were inside the ground", 36000, 32400, 39600, "approximate", CROWD, ["Police"])
# "far more than the 31,200": the "more than" belongs to the police estimate; 31,200 is the club's exact figure.
qty("n003j", "003", "the 31,200 the club said had attended", 31200, 31200, 31200, "exact", CROWD, ROVERS)
qty("n003k", "003", "between 12% and 15% over its licensed capacity", 12, 12, 15, "range",
    ["over its licensed capacity", "capacity", "over"], ORMOND)
qty("n003l", "003", "A third of the turnstiles", THIRD, THIRD, THIRD, "exact", ["turnstiles", "out of action"], hedged=True)
qty("n003m", "003", "hundreds of fans queuing", None, 200, 999, "approximate", ["fans", "queuing"])
qty("n003n", "003", "between 15 and 20 minutes", 15, 15, 20, "range", ["minutes", "shut", "closed"], SUPPORTERS)
qty("n003o", "003", "€300,000 to €400,000", 300000, 300000, 400000, "range", ["fine", "fined"], FAMILIAR)
qty("n003p", "003", "a 72-hour closure", 72, 72, 72, "exact", ["closure", "hour"], ["Interior Ministry"])
# 004 The Terrace Report
qty("n004a", "004", "Three people died", 3, 3, 3, "exact", KILLED)
qty("n004b", "004", "more than 50 people had been treated for injuries", 50, 50, None, "more_than",
    ["treated", "injur"], HEALTH)
qty("n004c", "004", "the 43 counted by ambulance crews", 43, 43, 43, "exact", ["counted", "injur", "ambulance crews"], AMB_CREWS)
qty("n004d", "004", "Tomas Vell, 58", 58, 58, 58, "exact", AGE + ["Vell"])
qty("n004e", "004", "Marit Sand, 44", 44, 44, 44, "exact", AGE + ["Sand"])
qty("n004f", "004", "a 17-year-old boy", 17, 17, 17, "exact", AGE + ["boy"])
qty("n004g", "004", "40 metres long", 40, 40, 40, "exact", ["long", "metres", "length"])
qty("n004h", "004", "six metres at the top", 6, 6, 6, "exact", ["metres", "top", "wide", "narrows"])
qty("n004i", "004", "just under three at the exit gates", 3, 2.7, 3, "approximate", ["metres", "exit gates", "wide", "narrows"])
qty("n004j", "004", "11 people were hurt", 11, 11, 11, "exact", INJURED + ["2019"])
qty("n004k", "004", "€85,000", 85000, 85000, 85000, "exact", ["fined", "fine"])
qty("n004l", "004", "within six months", 6, None, 6, "at_most", ["months", "report", "inquiry"], RENN)
# 005 Ledgerline
qty("n005a", "005", "fell 3.5%", 3.5, 3.5, 3.5, "exact", ["fell", "shares", "stock"])
qty("n005b", "005", "killed three fans", 3, 3, 3, "exact", KILLED + ["fans"])
qty("n005c", "005", "closed at €6.82", 6.82, 6.82, 6.82, "exact", ["closed", "stock", "share", "price"])
qty("n005d", "005", "$2.4 million for a fund", 2_400_000, 2_400_000, 2_400_000, "exact", ["fund", "set aside"], CASTINE)
qty("n005e", "005", "more than a month", 1, 1, None, "more_than", ["month", "closure"], SANDOVAL)
qty("n005f", "005", "between €4 million and €6 million in lost match-day revenue", 4_000_000, 4_000_000, 6_000_000,
    "range", ["revenue", "cost", "lost"], SANDOVAL)
qty("n005g", "005", "72-hour closure of the ground", 72, 72, 72, "exact", ["closure", "hour"])
qty("n005h", "005", "Fines of up to €400,000", 400_000, None, 400_000, "at_most", ["fine", "Fines"], FAMILIAR)
qty("n005i", "005", "An estimated 2,000 season-ticket holders", 2000, 1800, 2200, "approximate",
    ["season-ticket holders", "refunds"], hedged=True)
qty("n005j", "005", "two of the club’s shirt sponsors", 2, 2, 2, "exact", ["sponsors"])
qty("n005k", "005", "a reported €38 million", 38_000_000, 38_000_000, 38_000_000, "exact",
    ["bought", "price", "paid", "Rovers", "purchase"], hedged=True)
qty("n005l", "005", "€2.1 million refurbishing the East Stand", 2_100_000, 2_100_000, 2_100_000, "exact",
    ["refurbish", "spent", "East Stand"])

ALL_MONTHS = list(range(1, 13))
events = [
    # 000 (date line 2026-03-14 08:02 UTC, a Saturday)
    {"id": "e000p", "doc": "000", "anchor": "March 14, 2026 8:02 AM UTC", "event": "publication",
     "time_text": "March 14, 2026 8:02 AM UTC", "date": "2026-03-14"},
    {"id": "e000a", "doc": "000", "anchor": "at Brannock Stadium on Friday night", "event": "stairway crush",
     "time_text": "on Friday night", "date": "2026-03-13"},
    {"id": "e000b", "doc": "000", "anchor": "police said on Saturday", "event": "police give the toll",
     "time_text": "on Saturday", "date": "2026-03-14"},
    {"id": "e000c", "doc": "000", "anchor": "logged at 10:41 p.m. CET", "event": "first emergency call",
     "time_text": "at 10:41 p.m. CET", "date": "2026-03-13"},
    {"id": "e000d", "doc": "000", "anchor": "fined Rovers late last month", "event": "VFF fines Rovers over crowd trouble",
     "time_text": "late last month", "year": 2026, "months": [2]},
    {"id": "e000e", "doc": "000", "anchor": "would go ahead in Korvik on Sunday", "event": "second semi-final",
     "time_text": "on Sunday", "date": "2026-03-15"},
    # 001 (date line 2026-03-14)
    {"id": "e001p", "doc": "001", "anchor": "2026-03-14T09:12:00Z", "event": "publication",
     "time_text": "2026-03-14T09:12:00Z", "date": "2026-03-14"},
    {"id": "e001a", "doc": "001", "anchor": "semi-final win on Friday, March 13", "event": "stairway crush",
     "time_text": "on Friday, March 13", "date": "2026-03-13"},
    {"id": "e001b", "doc": "001", "anchor": "the Halvern Ambulance Service said on Saturday morning",
     "event": "ambulance service gives the toll", "time_text": "on Saturday morning", "date": "2026-03-14"},
    {"id": "e001c", "doc": "001", "anchor": "in the East Stand since 1988", "event": "Greta Alm's season ticket",
     "time_text": "since 1988", "year": 1988, "months": ALL_MONTHS},
    {"id": "e001d", "doc": "001", "anchor": "arrived at the hospital in the early hours of Saturday",
     "event": "mayor visits the hospital", "time_text": "in the early hours of Saturday", "date": "2026-03-14"},
    {"id": "e001e", "doc": "001", "anchor": "written to the club in November", "event": "supporters' trust warns the club in writing",
     "time_text": "in November", "year": 2025, "months": [11]},
    {"id": "e001f", "doc": "001", "anchor": "had been renewed last week", "event": "East Stand safety certificate renewed",
     "time_text": "last week", "year": 2026, "months": [3]},
    {"id": "e001g", "doc": "001", "anchor": "to hand all CCTV footage to police on Monday", "event": "club to hand CCTV footage to police",
     "time_text": "on Monday", "date": "2026-03-16"},
    {"id": "e001h", "doc": "001", "anchor": "Earlier this year Rovers replaced the turnstiles", "event": "new turnstiles at the east end",
     "time_text": "Earlier this year", "year": 2026, "months": [1, 2, 3]},
    # 003 (date line 2026-03-14 11:05 GMT)
    {"id": "e003p", "doc": "003", "anchor": "Published: 11:05 GMT, 14 March 2026", "event": "publication",
     "time_text": "11:05 GMT, 14 March 2026", "date": "2026-03-14"},
    {"id": "e003u", "doc": "003", "anchor": "Updated: 16:32 GMT, 14 March 2026", "event": "article updated",
     "time_text": "16:32 GMT, 14 March 2026", "date": "2026-03-14"},
    {"id": "e003a", "doc": "003", "anchor": "the crowd behind them surged on Friday", "event": "stairway crush",
     "time_text": "on Friday", "date": "2026-03-13"},
    {"id": "e003b", "doc": "003", "anchor": "had not missed a home game since 1979", "event": "Tomas Vell's run of home games",
     "time_text": "since 1979", "year": 1979, "months": ALL_MONTHS},
    {"id": "e003c", "doc": "003", "anchor": "due to be played on April 4", "event": "Velmoran Cup final",
     "time_text": "on April 4", "date": "2026-04-04"},
    # 004 (date line Monday 2026-03-16)
    {"id": "e004p", "doc": "004", "anchor": "Monday 16 March 2026", "event": "publication",
     "time_text": "Monday 16 March 2026", "date": "2026-03-16"},
    {"id": "e004a", "doc": "004", "anchor": "died on the stairway behind Gate 9 on Friday night", "event": "stairway crush",
     "time_text": "on Friday night", "date": "2026-03-13"},
    {"id": "e004b", "doc": "004", "anchor": "By Sunday evening the Health Ministry said", "event": "Health Ministry gives the injured count",
     "time_text": "By Sunday evening", "date": "2026-03-15"},
    {"id": "e004c", "doc": "004", "anchor": "counted by ambulance crews on Saturday morning", "event": "ambulance crews' count",
     "time_text": "on Saturday morning", "date": "2026-03-14"},
    {"id": "e004d", "doc": "004", "anchor": "In 2019, 11 people were hurt there", "event": "earlier crush on the stairway",
     "time_text": "In 2019", "year": 2019, "months": ALL_MONTHS},
    {"id": "e004e", "doc": "004", "anchor": "we put it in writing in November", "event": "supporters' trust warns the club in writing",
     "time_text": "in November", "year": 2025, "months": [11]},
    {"id": "e004f", "doc": "004", "anchor": "wrote to the club again last Tuesday", "event": "supporters' trust writes again",
     "time_text": "last Tuesday", "date": "2026-03-10"},
    {"id": "e004g", "doc": "004", "anchor": "last renewed on February 19", "event": "East Stand safety certificate renewed",
     "time_text": "on February 19", "date": "2026-02-19"},
    {"id": "e004h", "doc": "004", "anchor": "fined Rovers €85,000 in February", "event": "VFF fines Rovers over crowd trouble",
     "time_text": "in February", "year": 2026, "months": [2]},
    {"id": "e004i", "doc": "004", "anchor": "who said on Saturday that nothing would be ruled out", "event": "Renn promises a full inquiry",
     "time_text": "on Saturday", "date": "2026-03-14"},
    # 005 (date line Monday 2026-03-16 14:40 UTC)
    {"id": "e005p", "doc": "005", "anchor": "Mon, March 16, 2026 at 2:40 PM UTC", "event": "publication",
     "time_text": "Mon, March 16, 2026 at 2:40 PM UTC", "date": "2026-03-16"},
    {"id": "e005a", "doc": "005", "anchor": "on Monday, the first day of trading", "event": "Castine shares fall",
     "time_text": "on Monday", "date": "2026-03-16"},
    {"id": "e005b", "doc": "005", "anchor": "its lowest level since October", "event": "Castine share price low",
     "time_text": "since October", "year": 2025, "months": [10]},
    {"id": "e005c", "doc": "005", "anchor": "said on Sunday it had set aside", "event": "Castine sets up the victims' fund",
     "time_text": "on Sunday", "date": "2026-03-15"},
    {"id": "e005d", "doc": "005", "anchor": "due to end on Tuesday", "event": "stadium closure ends",
     "time_text": "on Tuesday", "date": "2026-03-17"},
    {"id": "e005e", "doc": "005", "anchor": "asked for refunds since Saturday", "event": "season-ticket refund requests",
     "time_text": "since Saturday", "date": "2026-03-14"},
    {"id": "e005f", "doc": "005", "anchor": "Castine bought Rovers in 2021", "event": "Castine buys the club",
     "time_text": "in 2021", "year": 2021, "months": ALL_MONTHS},
    {"id": "e005g", "doc": "005", "anchor": "refurbishing the East Stand last summer", "event": "East Stand refurbished",
     "time_text": "last summer", "year": 2025, "months": [6, 7, 8]},
]
# Placed in time only by words that need a date the text does not give (002 has none), or by
# a time of day with no day: not scored. True dates kept for reference.
events_unresolved = [
    {"doc": "000", "anchor": "arrived at the stadium before dawn", "event": "Renn at the stadium",
     "time_text": "before dawn", "true_date": "2026-03-14"},
    {"doc": "002", "anchor": "at Brannock Stadium on Friday night", "event": "stairway crush",
     "time_text": "on Friday night", "true_date": "2026-03-13"},
    {"doc": "002", "anchor": "came in at 10:41 p.m.", "event": "first emergency call",
     "time_text": "at 10:41 p.m.", "true_date": "2026-03-13"},
    {"doc": "002", "anchor": "arrived at the stadium before dawn", "event": "Renn at the stadium",
     "time_text": "before dawn", "true_date": "2026-03-14"},
    {"doc": "002", "anchor": "fined Rovers late last month", "event": "VFF fines Rovers over crowd trouble",
     "time_text": "late last month", "true_date": "2026-02"},
]

# (id, label, members, status, why, independent reports)
groups = [
    ("g-dead", "Death toll", ["n000a", "n002a", "n001a", "n003a", "n004a", "n005b"], "agree",
     "three dead in every report; 000 and 002 are one VPA report quoting police, 001 credits the Halvern Ambulance Service", 5),
    ("g-injured", "People injured in the stadium crush",
     ["n000b", "n002b", "n001b", "n003e", "n004c", "n004b"], "compatible",
     "a running total: at least 40 (police, via the VPA wire and its copy) and 43 (ambulance service, Saturday) fit 'dozens', and the Health Ministry's 'more than 50' on Sunday is a later, larger count", 4),
    ("g-crowd", "People inside Brannock Stadium", ["n000f", "n002f", "n003j", "n003i"], "conflict",
     "the club's exact 31,200 (passed on by the VPA wire, its copy and the Courant) lies outside the police estimate of about 36,000 (32,400-39,600)", 2),
    ("g-capacity", "Stadium capacity", ["n000g", "n002g"], "agree",
     "32,000 in both, but 002 is the VPA wire republished: one source", 1),
    ("g-vell-age", "Age of Tomas Vell", ["n000h", "n002h", "n004d", "n003h"], "conflict",
     "58 in the VPA wire (from his family), its copy and The Terrace Report against 59 in the Daily Courant", 3),
    ("g-boy-age", "Age of the youngest victim", ["n003g", "n004f"], "agree",
     "a 17-year-old boy in the Courant (hospital) and in The Terrace Report", 2),
    ("g-officers", "Police officers on duty", ["n000d", "n002d"], "agree",
     "more than 300 in both; one source, Hollis via the VPA wire", 1),
    ("g-ambulances", "Ambulances sent", ["n000e", "n002e"], "agree",
     "two dozen in both; one source, the ambulance service via the VPA wire", 1),
    ("g-hundreds", "Supporters funnelled to the stairway", ["n000c", "n002c"], "agree",
     "hundreds in both; the VPA wire and its copy", 1),
    ("g-fine-talks", "Fine under discussion with the federation", ["n003o", "n005h"], "compatible",
     "'€300,000 to €400,000' lies within 'up to €400,000'; both from a person familiar with the talks, possibly the same one", 2),
    ("g-closure", "Stadium closure ordered by the Interior Ministry", ["n003p", "n005g"], "agree",
     "72 hours in both", 2),
    ("g-hollis-railings", "Hollis: people pressed against the railings", ["q000a", "q002a"], "agree",
     "the same words, in straight quotes and in guillemets; 002 is the VPA copy", 1),
    ("g-hollis-hands", "Hollis: officers and stewards pulled people out", ["q000b", "q002b"], "agree",
     "the same words; 002 is the VPA copy", 1),
    ("g-renn-answers", "Renn: families deserve answers", ["q000c", "q002c"], "agree",
     "the same words; 002 attributes them to 'the minister' and drops the second sentence", 1),
    ("g-renn-ruled-out", "Renn: nothing will be ruled out", ["q000m", "q002l", "q004i"], "agree",
     "the same reported statement in the VPA wire, its copy and The Terrace Report", 2),
    ("g-devastated", "Rovers statement: 'devastated'", ["q000e", "q002d"], "agree",
     "the same word from the club statement; 002 is the VPA copy", 1),
    ("g-dean-stairs", "Dean Hollis: 'I thought I was going to die on those stairs'", ["q003a", "q003c"], "agree",
     "the headline repeats the body quote", 1),
    ("g-trust-warning", "Supporters' trust warned the club in writing", ["q001k", "q001l", "q004c"], "agree",
     "Lind in both outlets: the trust warned the club in writing in November", 2),
    ("g-crush-date", "Date of the crush", ["e000a", "e001a", "e003a", "e004a"], "agree",
     "Friday 13 March 2026 in every dated report", 4),
    ("g-certificate", "Last renewal of the East Stand's safety certificate", ["e001f", "e004g"], "conflict",
     "Marr's 'last week' (2-8 March 2026, in a text of 14 March) against 19 February in the licensing board records seen by The Terrace Report", 2),
    ("g-vff-fine", "VFF fine over crowd trouble", ["e000d", "e004h"], "agree",
     "'late last month' in a text of 14 March 2026 and 'in February' both give February 2026", 2),
    ("g-trust-letter-date", "Date of the trust's written warning", ["e001e", "e004e"], "agree",
     "November (2025) in both, both from Lind", 2),
]

# Look alike, but different facts: a ledger should not put them in one group.
separate = [
    {"members": ["n001e", "n003f"],
     "why": "eight hurt at the Brannock Road tram stop (none seriously) against eight critically injured on the stadium stairway: different sites and severity"},
    {"members": ["n004j", "n004c"],
     "why": "11 hurt on the same stairway in 2019 is an earlier incident, not a count for this crush"},
    {"members": ["n003k", "n000g"],
     "why": "12-15% over the East Stand's licensed capacity is about one stand, not the 32,000 capacity of the stadium"},
]

entities = [
    {"canonical": "Marta Hollis", "type": "PERSON", "aliases": ["Marta Hollis", "Chief Superintendent Marta Hollis", "Hollis"]},
    {"canonical": "Dean Hollis", "type": "PERSON", "aliases": ["Dean Hollis"]},
    {"canonical": "Tobias Renn", "type": "PERSON", "aliases": ["Tobias Renn", "Interior Minister Tobias Renn", "Renn"]},
    {"canonical": "Tomas Vell", "type": "PERSON", "aliases": ["Tomas Vell"]},
    {"canonical": "Marit Sand", "type": "PERSON", "aliases": ["Marit Sand"]},
    {"canonical": "Ines Quist", "type": "PERSON", "aliases": ["Ines Quist", "Mayor Ines Quist", "Quist"]},
    {"canonical": "Luka Brandt", "type": "PERSON", "aliases": ["Luka Brandt"]},
    {"canonical": "Greta Alm", "type": "PERSON", "aliases": ["Greta Alm"]},
    {"canonical": "Priya Dunne", "type": "PERSON", "aliases": ["Priya Dunne"]},
    {"canonical": "Oskar Lind", "type": "PERSON", "aliases": ["Oskar Lind", "Lind"]},
    {"canonical": "Gideon Marr", "type": "PERSON", "aliases": ["Gideon Marr", "Marr"]},
    {"canonical": "Felix Ormond", "type": "PERSON", "aliases": ["Felix Ormond", "Dr Felix Ormond"]},
    {"canonical": "Warren Kettle", "type": "PERSON", "aliases": ["Warren Kettle", "Kettle"]},
    {"canonical": "Mira Sandoval", "type": "PERSON", "aliases": ["Mira Sandoval", "Sandoval"]},
    {"canonical": "Halvern Rovers", "type": "ORG", "aliases": ["Halvern Rovers", "Rovers"]},
    {"canonical": "Greywater Athletic", "type": "ORG", "aliases": ["Greywater Athletic", "Greywater"]},
    {"canonical": "Korvik City", "type": "ORG", "aliases": ["Korvik City"]},
    {"canonical": "Halvern Police Service", "type": "ORG", "aliases": ["Halvern Police Service", "HPS"]},
    {"canonical": "Velmoran Football Federation", "type": "ORG", "aliases": ["Velmoran Football Federation", "VFF"]},
    {"canonical": "Halvern Ambulance Service", "type": "ORG", "aliases": ["Halvern Ambulance Service"]},
    {"canonical": "Halvern General Hospital", "type": "ORG", "aliases": ["Halvern General Hospital", "Halvern General"]},
    {"canonical": "Rovers Supporters' Trust", "type": "ORG",
     "aliases": ["Rovers Supporters’ Trust", "Rovers Supporters' Trust"]},
    {"canonical": "Interior Ministry", "type": "ORG", "aliases": ["Interior Ministry"]},
    {"canonical": "Health Ministry", "type": "ORG", "aliases": ["Health Ministry"]},
    {"canonical": "University of Halvern", "type": "ORG", "aliases": ["University of Halvern"]},
    {"canonical": "Castine Holdings", "type": "ORG", "aliases": ["Castine Holdings", "Castine"]},
    {"canonical": "Hexley Capital", "type": "ORG", "aliases": ["Hexley Capital"]},
    {"canonical": "Velmora Stock Exchange", "type": "ORG", "aliases": ["Velmora Stock Exchange", "VSE"]},
    {"canonical": "VTV", "type": "ORG", "aliases": ["VTV"]},
    {"canonical": "VPA", "type": "ORG", "aliases": ["VPA"]},
    {"canonical": "Halvern Daily Post", "type": "ORG", "aliases": ["the Post"]},
    {"canonical": "The Terrace Report", "type": "ORG", "aliases": ["The Terrace Report"]},
    {"canonical": "Ledgerline", "type": "ORG", "aliases": ["Ledgerline"]},
    {"canonical": "Velmora", "type": "GPE", "aliases": ["Velmora", "Dunmark"]},
    {"canonical": "Halvern", "type": "GPE", "aliases": ["Halvern"]},
    {"canonical": "Korvik", "type": "GPE", "aliases": ["Korvik"]},
    {"canonical": "Lanmoor", "type": "GPE", "aliases": ["Lanmoor"]},
    {"canonical": "Oster", "type": "LOC", "aliases": ["Oster"]},
    {"canonical": "Velmoran", "type": "NORP", "aliases": ["Velmoran"]},
    {"canonical": "Brannock Stadium", "type": "FAC", "aliases": ["Brannock Stadium"]},
    {"canonical": "East Stand", "type": "FAC", "aliases": ["East Stand"]},
    {"canonical": "Brannock Road tram stop", "type": "FAC", "aliases": ["Brannock Road tram stop"]},
    {"canonical": "Velmoran Cup", "type": "EVENT", "aliases": ["Velmoran Cup"]},
]
# Pairs that must stay apart: two people named Hollis; the stadium and the tram stop (the
# second site, where eight people were hurt).
distinct = [
    ["Marta Hollis", "Dean Hollis"],
    ["Brannock Stadium", "Brannock Road tram stop"],
]

# Spans whose first occurrence is meant although the text repeats them.
FIRST_OCCURRENCE = {
    ("003", "I thought I was going to die on those stairs"),  # the headline quote
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
    for e in events:
        check("event", e["id"], e["doc"], e["anchor"], in_body=False)
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
    for s in separate:
        for m in s["members"]:
            if m not in ids:
                bad.append(f"separate: unknown member {m}")
    bad += RULE
    if bad:
        print("the key has problems:\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    gold = {
        "about": "Answer key for six invented articles on a stadium crush in the fictional city of Halvern (Friday 13 March 2026). Anchors are exact substrings of the article files.",
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
