"""Mention finders: gazetteer (countries, capitals, demonyms, bodies, soldiers),
titles (persons with positions), cue places and treaties."""

from __future__ import annotations

import pytest

from kg.model import Document, Mention
from kg.pipeline import Pipeline, Work, extract

_PIPE = Pipeline.from_names(["segment", "gazetteer", "titles"])


def mentions(text: str, lang: str) -> list[Mention]:
    doc = Document(id="m", text=text, lang=lang)
    work = Work(doc)
    for c in _PIPE.components:
        c(work)
    for m in work.mentions:
        assert text[m.start:m.end] == m.text, m
    return work.mentions


def one(ms: list[Mention], text: str, found_by: str | None = None) -> Mention:
    got = [m for m in ms if m.text == text and (found_by is None or m.found_by == found_by)]
    assert len(got) == 1, (text, [(m.text, m.found_by) for m in ms])
    return got[0]


# -- countries ---------------------------------------------------------------

def test_country_names_both_languages() -> None:
    en = mentions("Ethiopia and Somalia held talks.", "en")
    m = one(en, "Ethiopia")
    assert (m.type, m.key, m.name, m.country, m.start, m.end) == ("Country", "ETH", "Ethiopia", "ETH", 0, 8)
    ar = mentions("عقدت إثيوبيا والصومال محادثات.", "ar")
    assert one(ar, "إثيوبيا").key == "ETH"
    assert one(ar, "والصومال").key == "SOM"


def test_clitic_prefixed_country_keeps_clitic_in_text_and_offsets() -> None:
    text = "اتهمت روسيا وأوكرانيا بعضهما."
    m = one(mentions(text, "ar"), "وأوكرانيا")
    assert m.key == "UKR" and m.type == "Country"
    assert (m.start, m.end) == (text.index("وأوكرانيا"), text.index("وأوكرانيا") + len("وأوكرانيا"))


def test_lowercase_english_common_word_is_no_country() -> None:
    # "chad" the word is not Chad the country
    assert [m for m in mentions("A hanging chad was found.", "en") if m.type == "Country"] == []


@pytest.mark.parametrize("text,lang,cap,key", [
    ("Beijing rejected the claim.", "en", "Beijing", "CHN"),
    ("رفضت بكين الاتهام.", "ar", "بكين", "CHN"),
    ("ورفضت وموسكو الاتهام.", "ar", "وموسكو", "RUS"),
])
def test_capital_stands_for_its_country(text: str, lang: str, cap: str, key: str) -> None:
    m = one(mentions(text, lang), cap)
    assert (m.type, m.key, m.attrs["kind"]) == ("Country", key, "capital")


@pytest.mark.parametrize("text,lang,adj,key", [
    ("Pakistani officials met.", "en", "Pakistani", "PAK"),
    ("التقى مسؤولون باكستانيون.", "ar", "باكستانيون", "PAK"),
    ("قال المسؤول الأرميني.", "ar", "الأرميني", "ARM"),
    ("والأذربيجانية", "ar", "والأذربيجانية", "AZE"),
])
def test_demonym_adjectives_point_to_the_country(text: str, lang: str, adj: str, key: str) -> None:
    m = one(mentions(text, lang), adj)
    assert m.type == "Country" and m.key == key and m.attrs.get("demonym") is True


# -- bodies ------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,span", [
    ("The Armenian Defence Ministry issued a statement.", "en", "Armenian Defence Ministry"),
    ("أصدرت وزارة الدفاع الأرمينية بيانا.", "ar", "وزارة الدفاع الأرمينية"),
])
def test_ministry_composed_with_its_country(text: str, lang: str, span: str) -> None:
    m = one(mentions(text, lang), span)
    assert m.type == "GovernmentBody"
    assert m.name == "Ministry of Defence of Armenia"
    assert m.country == "ARM" and m.sector == "MIL"
    assert m.key == "Ministry of Defence|ARM"


def test_of_country_after_the_body() -> None:
    m = one(mentions("The Ministry of Defence of Georgia published a short list.", "en"), "Ministry of Defence of Georgia")
    assert (m.type, m.country, m.key) == ("GovernmentBody", "GEO", "Ministry of Defence|GEO")


def test_possessive_country_and_construct_state() -> None:
    m = one(mentions("Kenya's foreign ministry summoned the envoy.", "en"), "Kenya's foreign ministry")
    assert (m.name, m.country, m.sector) == ("Ministry of Foreign Affairs of Kenya", "KEN", "GOV")
    m = one(mentions("أعلنت حكومة السودان وقف إطلاق النار.", "ar"), "حكومة السودان")
    assert (m.type, m.name, m.country) == ("GovernmentBody", "Government of Sudan", "SDN")


def test_armed_forces_of_a_country() -> None:
    m = one(mentions("Russia's army retreated.", "en"), "Russia's army")
    assert (m.type, m.name, m.country, m.sector) == ("MilitaryForce", "Armed Forces of Russia", "RUS", "MIL")
    m = one(mentions("انسحبت القوات الإثيوبية.", "ar"), "القوات الإثيوبية")
    assert (m.type, m.name, m.country) == ("MilitaryForce", "Armed Forces of Ethiopia", "ETH")


def test_arabic_coordinated_adjectives_give_two_forces() -> None:
    ms = mentions("انتشرت القوات الهندية والباكستانية على طول الحدود.", "ar")
    assert one(ms, "القوات الهندية").name == "Armed Forces of India"
    second = one(ms, "والباكستانية", "gazetteer")
    assert second.type == "MilitaryForce" and second.name == "Armed Forces of Pakistan"


def test_soldiers_with_nationality_are_that_countrys_forces() -> None:
    m = one(mentions("Russian soldiers crossed the river.", "en"), "Russian soldiers")
    assert (m.type, m.name, m.country) == ("MilitaryForce", "Armed Forces of Russia", "RUS")


@pytest.mark.parametrize("text,span", [
    ("وجرح 14 جنديا كينيا في كمين قرب الحدود.", "جنديا كينيا"),  # accusative adjective spelt like the name
    ("وأصيب خمسة من جنود كينيا.", "جنود كينيا"),                  # the country's soldiers, genitive
])
def test_arabic_soldiers_with_a_country_name_are_its_forces(text: str, span: str) -> None:
    m = one(mentions(text, "ar"), span)
    assert (m.type, m.name) == ("MilitaryForce", "Armed Forces of Kenya")
    # "جنودا إلى روسيا": a preposition between, no composition
    assert not [m for m in mentions("وأرسلت فرنسا جنودا إلى روسيا.", "ar") if m.type == "MilitaryForce"]


def test_syrian_forces_composed() -> None:
    m = one(mentions("قصفت القوات السورية مواقع المعارضة.", "ar"), "القوات السورية")
    assert (m.type, m.name, m.country) == ("MilitaryForce", "Armed Forces of Syria", "SYR")


@pytest.mark.parametrize("text,lang", [
    ("وقالت الوزارة إن الوضع هادئ.", "ar"),
    ("The ministry said the situation was calm.", "en"),
])
def test_ministry_anaphor_is_left_to_the_linker(text: str, lang: str) -> None:
    assert [m for m in mentions(text, lang) if m.type == "GovernmentBody"] == []


def test_arabic_regime_names_a_government_with_its_country_or_after_one() -> None:
    ms = mentions("وأطلق النظام الغاني سراح صحفيين. وذكرت منظمة حقوقية أن النظام اعتقل آخرين.", "ar")
    assert one(ms, "النظام الغاني").name == "Government of Ghana"
    assert one(ms, "النظام").type == "GovernmentBody"  # the bare word, after the named regime
    # a bare first use is the word "system", no body
    assert [m for m in mentions("وقال الخبير إن النظام الدولي يمر بأزمة.", "ar") if m.type == "GovernmentBody"] == []


# -- titles --------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,name", [
    ("Pakistani Prime Minister Shehbaz Sharif visited Beijing.", "en", "Shehbaz Sharif"),
    ("زار رئيس الوزراء الباكستاني شهباز شريف بكين.", "ar", "شهباز شريف"),
])
def test_person_by_title_with_nationality(text: str, lang: str, name: str) -> None:
    ms = mentions(text, lang)
    m = one(ms, name, "title")
    assert m.type == "Person"
    assert m.attrs["title"] == "Prime Minister" and m.attrs["role"] == "head_of_government"
    assert m.attrs["position"] == "Prime Minister of Pakistan"
    assert m.country == "PAK"
    # the adjective qualifies the title: it is not an actor of its own
    assert [q for q in ms if q.type == "Country" and q.attrs.get("qualifier")]


def test_person_not_in_kb_found_by_title() -> None:
    text = "Chilean Foreign Minister Roberto Valdivia arrived in Lima."
    m = one(mentions(text, "en"), "Roberto Valdivia", "title")
    assert m.name == "Roberto Valdivia" and m.country == "CHL"
    assert m.attrs["position"] == "Foreign Minister of Chile"


@pytest.mark.parametrize("text,lang,name,pos", [
    ("Ahmed Hassan, the Egyptian foreign ministry spokesman, said talks failed.", "en", "Ahmed Hassan",
     "Foreign Ministry Spokesperson of Egypt"),
    ("قال أحمد حسن، المتحدث باسم وزارة الخارجية المصرية، إن المحادثات فشلت.", "ar", "أحمد حسن",
     "Foreign Ministry Spokesperson of Egypt"),
])
def test_name_before_title(text: str, lang: str, name: str, pos: str) -> None:
    m = one(mentions(text, lang), name, "title")
    assert m.attrs["position"] == pos and m.attrs["role"] == "spokesperson"


def test_title_with_organisation() -> None:
    text = "دعا الأمين العام للأمم المتحدة أنطونيو غوتيريش إلى ضبط النفس."
    ms = mentions(text, "ar")
    org = one(ms, "للأمم المتحدة")
    assert org.key == "UN" and org.attrs.get("qualifier")
    p = one(ms, "أنطونيو غوتيريش", "title")
    assert p.attrs["role"] == "secretary_general"
    assert (p.attrs["org_start"], p.attrs["org_end"]) == (org.start, org.end)


def test_title_without_name_gives_no_person() -> None:
    assert [m for m in mentions("The foreign minister declined to comment.", "en") if m.type == "Person"] == []


# -- places --------------------------------------------------------------------

@pytest.mark.parametrize("text,lang,place", [
    ("Fighting raged near the village of Dovhenke on Monday.", "en", "Dovhenke"),
    ("Shelling hit the Vuhledar area overnight.", "en", "Vuhledar"),
    ("اندلعت اشتباكات في قرية دوفهينكي.", "ar", "دوفهينكي"),
    ("سقطت قذائف على مدينة فوهليدار.", "ar", "فوهليدار"),
])
def test_place_from_cue_word(text: str, lang: str, place: str) -> None:
    m = one(mentions(text, lang), place, "cue")
    assert m.type == "Place"


def test_corridor_cue_is_part_of_the_name() -> None:
    m = one(mentions("سيطرت القوات على ممر سووالكي.", "ar"), "ممر سووالكي")
    assert m.type == "Place" and m.attrs["cue"] == "corridor"


def test_arabic_adjective_after_cue_is_no_place() -> None:
    # "المنطقة الحدودية": an adjective, not a name
    assert [m for m in mentions("توترت الأوضاع في المنطقة الحدودية.", "ar") if m.type == "Place"] == []


def test_gazetteer_place_with_country() -> None:
    m = one(mentions("Trucks crossed into the Gaza Strip.", "en"), "Gaza Strip")
    assert (m.type, m.name, m.country) == ("Place", "Gaza Strip", "PSE")


# -- treaties ------------------------------------------------------------------

def test_english_treaty_with_year_before() -> None:
    m = one(mentions("Ukraine cited the 1994 Budapest Memorandum.", "en"), "1994 Budapest Memorandum")
    assert m.type == "Treaty" and m.attrs["year"] == 1994


def test_english_treaty_with_qualifier() -> None:
    m = one(mentions("Egypt and Israel signed a peace treaty.", "en"), "peace treaty")
    assert m.type == "Treaty"


def test_arabic_treaty_with_year_after() -> None:
    m = one(mentions("وقعت روسيا وأوكرانيا معاهدة الصداقة عام 1997.", "ar"), "معاهدة الصداقة عام 1997")
    assert m.type == "Treaty" and m.attrs["year"] == 1997


def test_bare_agreement_names_no_treaty() -> None:
    assert [m for m in mentions("They reached an agreement on Monday.", "en") if m.type == "Treaty"] == []


@pytest.mark.parametrize("text,lang,span,place", [
    ("Israel and the PLO signed the Oslo agreement in 1993.", "en", "Oslo agreement", "Norway"),
    ("وقعت إسرائيل ومنظمة التحرير اتفاقية أوسلو عام 1993.", "ar", "اتفاقية أوسلو عام 1993", "Norway"),
])
def test_treaty_named_after_a_capital(text: str, lang: str, span: str, place: str) -> None:
    # the capital names the treaty: it is not mentioned as its country
    ex = extract(Document(id="t", text=text, lang=lang, date="2023-03-15"))
    treaties = [e for e in ex.entities if e.type == "Treaty"]
    assert [m.text for e in treaties for m in e.mentions] == [span]
    assert place not in {e.name for e in ex.entities}


@pytest.mark.parametrize("text,lang,place", [
    ("Israel and Jordan signed an agreement in Oslo.", "en", "Oslo"),  # after "in": the city itself
    ("وقعت إسرائيل والأردن الاتفاقية في أوسلو.", "ar", "Oslo"),
])
def test_capital_after_a_treaty_cue_is_still_a_place(text: str, lang: str, place: str) -> None:
    ex = extract(Document(id="t", text=text, lang=lang, date="2023-03-15"))
    assert place in {e.name for e in ex.entities}


@pytest.mark.parametrize("text,lang,surface,key", [
    ("زار وفد من ارمينيا مولدوفا.", "ar", "ارمينيا", "ARM"),      # written without hamza
    ("زار وفد من ارمينيا مولدوفا.", "ar", "مولدوفا", "MDA"),
    ("An Azeri official said talks continue in Moldova.", "en", "Azeri", "AZE"),
    ("قال مسؤول أذري إن المحادثات مستمرة.", "ar", "أذري", "AZE"),
])
def test_spelling_variants_and_short_demonyms(text: str, lang: str, surface: str, key: str) -> None:
    assert one(mentions(text, lang), surface).key == key


# -- capitals: the city after a preposition of place, else the government ------

@pytest.mark.parametrize("text,lang,typ", [
    ("Talks will be held in Oslo next week.", "en", "Place"),
    ("Oslo rejected the demand.", "en", "Country"),
    ("OSLO (Reuters) - Chile said on Monday it would talk.", "en", "Place"),
    ("وستعقد المحادثات في أوسلو الأسبوع المقبل.", "ar", "Place"),
    ("وستعقد المحادثات بأوسلو الأسبوع المقبل.", "ar", "Place"),
    ("ورفضت أوسلو الطلب.", "ar", "Country"),
])
def test_capital_is_the_city_after_a_preposition_of_place(text: str, lang: str, typ: str) -> None:
    (m,) = [m for m in mentions(text, lang) if "وسلو" in m.text or "slo" in m.text.lower()]
    assert m.type == typ
    if typ == "Place":
        assert m.name == "Oslo" and m.key == "capital|NOR"
    else:
        assert m.key == "NOR"


@pytest.mark.parametrize("text,places", [
    ("NAIROBI/ACCRA Kenya reopened two border crossings on Sunday.", ["Nairobi", "Accra"]),
    ("NAIROBI Kenya reopened two border crossings on Sunday.", ["Nairobi"]),
    ("TORVHAUGEN, Norway Kenya reopened two border crossings on Sunday.", ["Torvhaugen"]),
])
def test_english_dateline_names_places(text: str, places: list[str]) -> None:
    got = [m.name for m in mentions(text, "en") if m.type == "Place"]
    assert got == places


def test_capitalised_words_later_in_the_article_are_no_dateline() -> None:
    ms = mentions("Ghana said on Monday. ACCRA Ghana reopened two roads.", "en")
    assert [m.type for m in ms if m.text == "ACCRA"] == ["Country"]
    assert mentions("NEWS ANALYSIS Ghana reopened two roads.", "en")[0].type == "Country"


@pytest.mark.parametrize("text,span", [
    ("وقالت بيرو إن الاتفاق سيخفض الرسوم الجمركية.", None),                # a verb after the definite cue
    ("وقالت غانا إن الموعد سيتم الاتفاق عليه لاحقا.", None),               # the verbal noun "agreeing"
    ("وخرقت الميليشيا اتفاق هدنة وأعلن الجيش حالة التأهب.", "اتفاق هدنة"),  # و + verb: a new clause
    ("ووقعت تشيلي وبيرو الاتفاق النووي والتجاري.", "الاتفاق النووي والتجاري"),   # و + definite: same name
])
def test_arabic_treaty_name_stops_where_a_clause_starts(text: str, span: str | None) -> None:
    got = [m.text for m in mentions(text, "ar") if m.type == "Treaty"]
    assert got == ([span] if span else [])


# -- news outlets named with a cue word ------------------------------------------

@pytest.mark.parametrize("text,lang,name", [
    ("وكتبت صحيفة «نورد بوستن» النرويجية أن الميناء أغلق.", "ar", "نورد بوستن"),
    ("وذكرت شبكة تلفزيون «سي إل تي» الإخبارية أن المفاوضات توقفت.", "ar", "سي إل تي"),
    ("وذكر مصدر لصحيفة «البلقان» أن الميناء أغلق.", "ar", "البلقان"),   # a known place's name
    ("وأفادت خدمة «جي إن إس» الإخبارية بأن الطريق أغلق.", "ar", "جي إن إس"),  # «X» الإخبارية
    ("The Aftenposten newspaper said talks continue.", "en", "Aftenposten"),
    ("The daily Aftenposten said talks continue.", "en", "Aftenposten"),
    ("Editors at Nordposten, an Oslo newspaper, declined to comment.", "en", "Nordposten"),
])
def test_news_outlet_named_with_a_cue(text: str, lang: str, name: str) -> None:
    ms = mentions(text, lang)
    assert [m.text for m in ms if m.type == "Media"] == [name]
    assert not any(m.type == "Place" and m.text == name for m in ms)


@pytest.mark.parametrize("text,lang", [
    ("The newspaper said talks continue.", "en"),
    ("Chile's Sunday newspaper said talks continue.", "en"),
    ("وقالت الصحيفة إن المحادثات مستمرة.", "ar"),
    ("وقالت صحيفة محلية إن المحادثات مستمرة.", "ar"),
    ("وأفادت الخدمة الإخبارية بأن الطريق أغلق.", "ar"),
])
def test_no_news_outlet_without_a_name(text: str, lang: str) -> None:
    assert [m for m in mentions(text, lang) if m.type == "Media"] == []


@pytest.mark.parametrize("text,places", [
    ("وتقدمت القوات نحو بلدة تل الرواس صباح أمس.", ["تل الرواس"]),           # definite name word
    ("اندلع حريق قرب بلدة مرجان الساحلية.", ["مرجان"]),                       # adjective: not the name
    ("وقعت المعارك في بلدة دوما المحاصرة.", ["دوما"]),                          # participle: not the name
    ("وقال مسؤول في منطقة «نيروبي الجديدة» في كينيا إن السوق سيفتح.", ["نيروبي الجديدة"]),  # quoted, KB word inside
])
def test_arabic_place_after_a_cue(text: str, places: list[str]) -> None:
    assert [m.text for m in mentions(text, "ar") if m.type == "Place"] == places


def test_ner_does_not_take_a_cue_word_for_a_place() -> None:
    ex = extract(Document(id="n", text="وأصيب مدنيون في اشتباكات ريف حمص الغربي مطلع الشهر الجاري.", lang="ar"))
    assert "ريف" not in {m.text for e in ex.entities for m in e.mentions}


@pytest.mark.parametrize("text,lang,span", [
    ("وأبرمت غانا وكينيا اتفاقًا لتنظيم الصيد البحري الخاص بكل منهما.", "ar", "اتفاقًا لتنظيم الصيد البحري"),
    ("وأبرمت غانا وكينيا اتفاقًا شاملًا أمس.", "ar", None),     # only a vague adjective: no treaty named
    ("وأبرمت غانا وكينيا اتفاقا جديدا أمس.", "ar", None),
    ("Ghana and Kenya signed a comprehensive agreement last week.", "en", None),
    ("Ghana and Kenya signed a comprehensive defence pact last week.", "en", "comprehensive defence pact"),
    ("Chile and Peru signed a ceasefire agreement on Monday.", "en", "ceasefire agreement"),
])
def test_treaty_in_the_accusative_and_vague_agreements(text: str, lang: str, span: str | None) -> None:
    got = [m.text for m in mentions(text, lang) if m.type == "Treaty"]
    assert got == ([span] if span else [])


# -- parties and groups named with a cue word ---------------------------------------

@pytest.mark.parametrize("text,name", [
    ("وقال حزب العمال إنه سيصوت ضد القانون.", "حزب العمال"),
    ("وصوت العضو المنتمي لحزب المزارعين الكيني ضد المشروع.", "حزب المزارعين الكيني"),   # no clitic, adjective kept
    ("وقالت «حركة أحرار الجنوب» إنها قصفت المواقع.", "حركة أحرار الجنوب"),
    ("وقالت حركة «أحرار الجنوب» إنها قصفت المواقع.", "أحرار الجنوب"),
])
def test_party_or_group_named_with_a_cue(text: str, name: str) -> None:
    assert [m.text for m in mentions(text, "ar") if m.type == "Organization"] == [name]


@pytest.mark.parametrize("text", [
    "وتسببت حركة المرور في ازدحام.",        # حركة without quotes: a common noun
    "وقال الحزب إنه سيصوت ضد القانون.",     # no name
    "وقال حزب الله إنه قصف المواقع.",       # known: the knowledge base reads it
])
def test_no_group_from_a_bare_cue_word(text: str) -> None:
    assert [m for m in mentions(text, "ar") if m.type == "Organization" and m.found_by == "cue"] == []


@pytest.mark.parametrize("text,names", [
    ("The inquiry named the National Fisheries Development Agency and the Pacific Freight Company.",
     ["National Fisheries Development Agency", "Pacific Freight Company"]),
    ("Kenya Timber Export Holding Corporation was also fined.", ["Kenya Timber Export Holding Corporation"]),
    ("The regulator fined the Kenyan Highland Savings Bank.", ["Highland Savings Bank"]),   # adjective not in the name
    ("The Company said it would appeal.", []),
    ("The bank said it would appeal.", []),
])
def test_english_organisation_named_by_its_last_word(text: str, names: list[str]) -> None:
    ms = mentions(text, "en")
    assert [m.text for m in ms if m.type == "Organization"] == names
    assert not any(m.type in ("Country", "Place") and any(m.start > 0 and m.text in n for n in names) for m in ms
                   if m.text not in ("Kenyan",))


def test_known_organisation_keeps_its_name_before_a_head_word() -> None:
    ms = mentions("The Xinhua News Agency said talks continue.", "en")
    assert [m.type for m in ms] == ["Media"]


@pytest.mark.parametrize("text", [
    "وفاز فريق قطر على الاتفاق والنصر في الدوري.",   # و right after a one-word cue: a second noun
])
def test_treaty_cue_coordinated_with_another_noun_is_no_treaty(text: str) -> None:
    assert [m for m in mentions(text, "ar") if m.type == "Treaty"] == []


def test_outlet_adjectives_stop_at_a_noun() -> None:
    ms = mentions("ومن جانبها اتهمت صحيفة «بابل» الإدارة الأميركية بالعمل على عرقلة الحوار.", "ar")
    (m,) = [m for m in ms if m.type == "Media"]
    assert "country_at" not in m.attrs


def test_english_place_cue_inside_a_longer_name_is_no_place() -> None:
    ms = mentions("He praised the Coastal Low Orbit Area Tracking network.", "en")
    assert [m for m in ms if m.type == "Place"] == []
    assert [m.text for m in mentions("Fighting spread to the Donbas Region on Monday.", "en") if m.type == "Place"]


def test_body_of_a_territory_in_construct_state() -> None:
    ms = mentions("وأعلنت سلطات ترانسنيستريا حظر التجول ليلا.", "ar")
    (b,) = [m for m in ms if m.type == "GovernmentBody"]
    assert b.text == "سلطات ترانسنيستريا" and b.name == "Authorities of Transnistria" and b.country is None


# -- persons described without a title -------------------------------------------------

@pytest.mark.parametrize("text,name", [
    ("وقال كوفي منساه (52 عامًا) إن الطريق مغلق منذ أيام.", "كوفي منساه"),               # an age
    ("وقال كوامي أوسو بواتنغ، وهو صياد من البلدة، إن الصيد توقف.", "كوامي أوسو بواتنغ"),  # said X، وهو ...
])
def test_arabic_person_described_without_a_title(text: str, name: str) -> None:
    assert [m.text for m in mentions(text, "ar") if m.type == "Person"] == [name]


@pytest.mark.parametrize("text", [
    "وبنت جدارا يصدها، وهو ما أثار الجدل.",               # no speech verb before the words
    "وقال الجيش، وهو يحاصر المدينة، إن القتال مستمر.",     # a body, not a name
    "وارتفع المنسوب بنحو 18 سنتيمترا أمس.",                 # a figure without the parenthesis
])
def test_no_described_person_without_a_speech_verb_or_an_age(text: str) -> None:
    assert [m for m in mentions(text, "ar") if m.type == "Person"] == []
