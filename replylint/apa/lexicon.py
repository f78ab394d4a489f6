"""Small word lists the case helpers use. Lowercase; additions are cheap and safe."""

from __future__ import annotations

__all__ = [
    "COMMON_POSSESSIVES",
    "ENGLISH_FUNCTION_WORDS",
    "FOREIGN_FUNCTION_WORDS",
    "GEO_TAILS",
    "MINOR_WORDS",
    "PROPER_BIGRAMS",
    "PROPER_NOUNS",
    "RUN_HEADS_END",
    "RUN_HEADS_END_AFTER_THE",
    "RUN_HEADS_START",
    "RUN_HEADS_START_AFTER_THE",
    "RUN_LINKS",
    "SHORT_COMMON_WORDS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words title case may leave lowercase (articles, conjunctions, prepositions).
MINOR_WORDS = _words(
    """a an the and but or nor for so yet of in on at to by as up via per vs vs. with from into
    onto upon over under than that among amongst between through about after before during
    within without across along around toward towards against beyond versus de la le et"""
)

#: Short words that are ordinary words when a title is in capitals (not acronyms).
SHORT_COMMON_WORDS = MINOR_WORDS | _words(
    """new old how why what when who is are was be do does did not no its it our we you they
    one two all any can may use used case care role need risk test rate age sex high low key
    life work time day year long term based more most less best good poor real type self
    from into over than then this that them body data gene cell drug pain role team view
    vs an as at"""
)

#: Capitalised words that are names in any sentence: places, peoples, languages, months,
#: days, eponyms and brands that titles often hold.
PROPER_NOUNS = _words(
    """africa african america american americans asia asian australia australian austria
    belgium brazil brazilian britain british canada canadian chile china chinese colombia
    denmark dutch egypt england english europe european finland france french german germany
    ghana greece greek hispanic india indian indonesia iran iraq ireland irish israel italy
    italian japan japanese kenya korea korean latin latino latina latinx mexico mexican
    netherlands nigeria norway pakistan peru philippines poland portugal russia russian
    scotland singapore spain spanish sweden swedish switzerland taiwan thailand turkey uganda
    ukraine vietnam wales welsh zealand arab arabic jewish muslim christian catholic islam
    indigenous aboriginal black caucasian european-american african-american asian-american
    mediterranean atlantic pacific arctic antarctic scandinavia nordic balkan saharan
    sub-saharan huelva wuhan yangtze hubei lombardy london paris berlin tokyo beijing york
    california texas florida ohio michigan texas virginia carolina washington massachusetts
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    parkinson alzheimer crohn hodgkin huntington asperger tourette kaposi cushing addison
    graves hashimoto guillain barré barre wilson bayesian gaussian markov pearson likert
    kaplan meier cox fisher wilcoxon poisson weibull bonferroni cronbach rasch delphi
    freud freudian piaget vygotsky maslow bandura rogers kohlberg erikson bowlby darwin
    darwinian newton newtonian einstein plato aristotle socratic confucian
    medicare medicaid twitter facebook instagram tiktok youtube google reddit wikipedia
    linkedin whatsapp microsoft android spss
    covid sars mers ebola zika god"""
)

#: Two-word names whose words are ordinary on their own (``United States``).
PROPER_BIGRAMS = frozenset(
    (first, second)
    for first, _, second in (
        pair.partition("_")
        for pair in _words(
            """united_states united_kingdom united_nations new_zealand new_york new_jersey
            new_mexico south_africa south_korea north_america south_america latin_america
            central_america hong_kong saudi_arabia sri_lanka middle_east world_war east_asia
            southeast_asia west_africa east_africa north_carolina south_carolina west_virginia
            puerto_rico costa_rica el_salvador great_britain northern_ireland"""
        )
    )
)

#: Feature words that belong to the name before them (``Yangtze River``, ``Lake Victoria``).
GEO_TAILS = _words(
    """river rivers lake lakes sea ocean mountains mountain valley island islands bay desert
    basin delta peninsula strait gulf coast plateau"""
)

#: Possessives of common nouns (lowercased in sentence case, unlike eponyms).
COMMON_POSSESSIVES = _words(
    """child children woman women man men people person patient patients nurse nurses parent
    parents student students family families mother mothers father fathers client clients
    teacher teachers doctor doctors physician physicians caregiver caregivers user users
    worker workers employee employees adolescent adolescents youth infant infants girl girls
    boy boys baby babies consumer consumers member members leader leaders manager managers
    society world nation country community communities today year years life individual
    individuals learner learners reader readers author authors therapist therapists
    practitioner practitioners"""
)

#: A named entity ends with one of these (``Beck Depression Inventory``).
RUN_HEADS_END = _words(
    """inventory questionnaire act association society organization organisation institute
    institutes university college hospital clinic foundation agency department council
    committee commission administration consortium registry ministry bureau federation
    academy corps army navy"""
)

#: Generic heads: a named entity only right after "the" (``the Framingham Heart Study``).
RUN_HEADS_END_AFTER_THE = _words(
    """scale scales test index service services initiative network survey study trial
    program programme project board alliance panel group force system model statement
    checklist guidelines center centre school office"""
)

#: A named entity starts with one of these (``Journal of Nursing Care Quality``).
RUN_HEADS_START = _words(
    """journal university department ministry society institute association college bureau
    academy"""
)

#: Generic start heads, only right after "the" (``the National Health Service``).
RUN_HEADS_START_AFTER_THE = _words(
    """national international royal american british european world united centre center
    school office"""
)

#: Words allowed inside a named run between capitalised words.
RUN_LINKS = _words("of for and & on")

ENGLISH_FUNCTION_WORDS = _words(
    """the of and in on for with to a an is are from by at as or its their this that"""
)

#: Function words of Spanish, Portuguese, French, German, Italian and Dutch titles.
FOREIGN_FUNCTION_WORDS = _words(
    """el los las del y en una un por para con sobre entre da dos das em e uma na nos
    les des du et une pour dans sur avec der die das und ein eine mit für von zu im il lo gli
    della dei delle di het een voor met van"""
)
