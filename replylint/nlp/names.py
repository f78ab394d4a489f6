"""The name grammar of in-text citations: surnames, particles, group authors, stop words."""

from __future__ import annotations

from .. import patterns

__all__ = [
    "DOTTED",
    "GROUP_KEYWORDS",
    "MLA_LABELS",
    "MONTHS",
    "NAME",
    "NOT_AUTHORS",
    "PARTICLE",
    "STOP_WORDS",
    "WORD",
    "is_group_name",
    "is_name",
    "strip_stop_words",
]

#: Lower-case surname particles that may precede a capitalised surname word.
PARTICLE = (
    r"(?<![\p{L}\p{M}'’-])(?:van|von|der|den|de|del|della|dei|degli|di|da|das|dos|do|du|le|la|les|lo|ten|ter|"
    r"zu|af|bin|ibn|y)"
)
# One capitalised name word: O'Neill, García-López, Medina-de, McAnally, WHO. Not one letter.
_APOS = r"['’]"
WORD = (
    rf"(?:(?<![\p{{L}}\p{{M}}'’-])(?=\p{{L}}[\p{{L}}\p{{M}}]|\p{{Lu}}{_APOS})"
    rf"\p{{Lu}}[\p{{L}}\p{{M}}]*+(?:{_APOS}\p{{Lu}}[\p{{L}}\p{{M}}]*+)*+"
    rf"(?:-\p{{L}}[\p{{L}}\p{{M}}]*+(?:{_APOS}\p{{Lu}}[\p{{L}}\p{{M}}]*+)*+)*+)"
)
#: One author's surname: capitalised words with particles ("van der Berg", "Brooks Carthon").
NAME = rf"(?:(?:{PARTICLE}\s+)*+{WORD}(?:\s+(?:{PARTICLE}\s+)*+{WORD})*+)"


def _words(block: str) -> list[str]:
    return block.split()


_NAME_FULL = patterns.compile(rf"{NAME}\Z")
_GROUP_CONNECTOR = r"(?:of|for|and|on|the|in|to|at|&)"
_SPLIT = patterns.compile(r"[\s\-]+")
#: A dotted abbreviation that starts an organisation's name: "U.S.", "U.K.".
DOTTED = r"(?:\p{Lu}\.){2,}"
_GROUP_FULL = patterns.compile(
    rf"(?:{DOTTED}\s*)?{WORD}(?:\s+(?:{_GROUP_CONNECTOR}\s+)*+{WORD})*+\Z"
)
_INNER_CONNECTOR = patterns.compile(r"\s(?:of|for|the|on|in|to|at)\s")

#: Words that make a capitalised phrase an organisation rather than a person.
GROUP_KEYWORDS = frozenset(
    _words(
        """
    Organization Organisation Association Associations Institute Institutes Institution
    Center Centers Centre Centres Council Department Agency Society Foundation Board Commission
    Office Bureau College University Ministry Administration Academy Alliance Network Panel
    Federation Service Services Committee Coalition Fund Union Forum Trust Consortium
    Collaboration Collaborative Program Programme Nations Partnership Corporation Company Force
    Authority Secretariat Library Hospital Clinic Initiative Project Registry Group Agencies
    Institutes Commission Council Press Inc Ltd Organizations
    """
    )
)

#: Capitalised words that start sentences or label things; never a surname on their own.
STOP_WORDS = frozenset(
    _words(
        """
    According As In The This That These Those A An And But Or So Yet For Nor While Whereas
    Although Though However Moreover Furthermore Additionally Also Similarly Likewise
    Conversely Indeed Thus Therefore Hence Consequently Finally First Firstly Second Secondly
    Third Thirdly Lastly Notably Recently Previously Earlier Later Meanwhile Overall
    Specifically Interestingly Importantly Unfortunately Fortunately Surprisingly Ultimately
    Nevertheless Nonetheless Still Instead Rather Here There Then Now Today When Where Why How
    What Who Which Whom Whose If Because Since After Before Following During Per Like Unlike
    Both Each Every All Some Many Most Several Other Another One Two Three My Our Your Their
    His Her Its We They He She It You Me Us Them Research Researchers Evidence Studies Study
    Authors Author Work Works Findings Data Results Report Reports Review Reviews Building
    Based Given Using Drawing Citing Similar Dr Professor Prof Mr Mrs Ms Doctor Nurse Nurses
    Patients By With From To Of On At Via Regarding Even Just Only Perhaps Clearly Certainly
    Again Further Yes No Not Hi Hello Dear Thanks Thank Agree Such Much
    Among Between Within Without Across Through Throughout Under Over Above Below Until Unless
    Once Whether Either Neither Does Did Is Are Was Were Be Been Has Have Had Can Could
    Would Shall Should Might Must Let Lets Note See Table Figure Appendix Chapter
    Section Page Pages Part Vol Volume Issue Edition Fall Spring Summer Winter Autumn Since
    Around Approximately About Nearly Almost Circa Mid Between Pre Year Years
    Days Week Weeks Month Months Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    Christmas Easter
    """
    )
)

MONTHS = frozenset(
    _words(
        """
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    """
    )
)

#: Words that label numbered things: "(Figure 1)", "(Step 3)" are never MLA citations.
MLA_LABELS = frozenset(
    _words(
        """
    Table Tables Figure Figures Fig Appendix Chapter Chapters Section Sections Step Steps Phase
    Phases Level Levels Stage Stages Type Types Grade Grades Class Cohort Trial Trials Article
    Articles Title Lesson Module Modules Week Weeks Day Days Unit Units Vol Volume Tier Question
    Questions Slide Slides Page Pages Post Reply Group Groups Team Case Cases Patient Patients
    Participant Participants Subject Subjects Item Items Hypothesis Study Studies Experiment
    Experiments Model Models Scenario Wave Waves Year Years Semester Term Period Sample Samples
    Box Equation Exhibit Part Parts Book Act Scene Line Lines Row Column Standard Domain
    Competency Objective Goal Outcome Criterion Principle Rule Code Bill Law Room Bed Floor Ward
    Station Route Highway Windows Version Web Industry Top Number Age Ages Aged Over Under
    Session Sessions Visit Visits Round Rounds Block Test Tests Exam Quiz Assignment Discussion
    Lecture Verse Psalm Genesis Exodus Acts Romans Hours
    Minutes Score Scores Dose Doses Grade Vitamin Covid Apollo Boeing Iteration Sprint Release
    Gen Generation Form Forms Schedule Category Categories Class Classes Ward Zone Region
    Area District Precinct Building Suite Gate Terminal Track Channel Episode Season Series
    Cycle Arm Arms Condition Conditions Block Blocks Task Tasks Trial Problem Problems Exercise
    """
    )
)


#: Proper nouns that are written before a year in prose but are not authors: "Canada (2021)".
NOT_AUTHORS = frozenset(
    _words(
        """
    United States America USA US UK Canada Australia England Britain Ireland Scotland Wales
    India China Japan Korea Mexico Brazil Germany France Italy Spain Africa Europe Asia Nigeria
    Kenya Ghana Philippines Texas California Florida Ontario Quebec Medicare Medicaid COVID Covid
    SARS Omicron Delta Christmas Thanksgiving Ramadan Easter Google Facebook Twitter Instagram
    TikTok YouTube Zoom Canvas Blackboard Moodle Brightspace Microsoft Apple Amazon Netflix
    """
    )
)


def strip_stop_words(words: list[str]) -> list[str]:
    """Drop leading sentence-starter words ("As", "According", "In") from a name's words."""
    i = 0
    while i < len(words) and (words[i] in STOP_WORDS or words[i] in MONTHS):
        i += 1
    return words[i:]


def is_name(text: str) -> bool:
    """A person's surname as written (capitalised words with particles), not a stop word."""
    if len(text) > 1 and text.isalpha() and text[0].isupper():
        # One word of two or more letters starting with a capital: the pattern matches it.
        return text not in STOP_WORDS and text not in MONTHS
    if not _NAME_FULL.match(text):
        return False
    first = text.split()[0]
    return first not in STOP_WORDS and first not in MONTHS


def is_group_name(text: str) -> bool:
    """An organisation's name: capitalised words joined by of/for/and/the, with a keyword."""
    if text.isalpha() and text not in GROUP_KEYWORDS:
        return False  # one word, and not a keyword
    # The word tests come first: they are cheaper than the pattern and usually decide.
    words = _SPLIT.split(text)
    if words[0] in STOP_WORDS:
        return False
    # A person's surname never holds "of" or "for": "Quality and Safety Education for Nurses".
    if GROUP_KEYWORDS.isdisjoint(words) and not _INNER_CONNECTOR.search(text):
        return False
    return bool(_GROUP_FULL.match(text))
