"""The phenomena of records written the way agencies in the region write them, one at a time,
with real-looking Vietnamese, Indonesian and English values (all fictional)."""

from __future__ import annotations

from lintas.networks.engine.linker import link


def _net(rows: list[dict[str, str]]) -> dict[str, str]:
    return {rid: nid for rid, _pid, nid in link(rows).rows()}


def _person(rows: list[dict[str, str]]) -> dict[str, str]:
    return {rid: pid for rid, pid, _nid in link(rows).rows()}


# --- phones across formats and regions ------------------------------------------------------


def test_a_vietnamese_number_in_every_shape_agencies_write_it_is_one_phone() -> None:
    shapes = ["+84 93 008 1608", "84930081608", "(+84) 93 008 1608", "0930 081 608",
              "093-008-1608", "0930.081.608", "(84) 930081608"]  # fmt: skip
    rows = [{"record_id": f"R{i}", "agency": "VN-MPS", "phones": p}
            for i, p in enumerate(shapes)]  # fmt: skip
    assert len(set(_net(rows).values())) == 1


def test_a_cambodian_number_written_nationally_by_vietnamese_police_is_the_cambodian_number(
) -> None:  # fmt: skip
    rows = [
        # Vietnamese police write the Cambodian recruiter's number as they were told it
        {"record_id": "VN-1", "agency": "VN-MPS", "role": "victim", "nationality": "VN",
         "notes": "Đối tượng người Campuchia gọi từ số 012 674 399 hứa việc làm lương cao"},
        {"record_id": "KH-1", "agency": "KH-NCCT", "role": "recruiter", "nationality": "KH",
         "phones": "+855 12 674 399"},
        # the same digits under Vietnam's rules would be another (invalid or other) number
        {"record_id": "VN-2", "agency": "VN-MPS", "role": "recruiter", "nationality": "KH",
         "phones": "012 674 399"},
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["VN-1"] == nets["KH-1"] == nets["VN-2"]


def test_a_foreign_national_number_is_read_by_the_persons_nationality_when_the_agencys_fails(
) -> None:  # fmt: skip
    rows = [
        {"record_id": "ID-1", "agency": "ID-POLRI", "nationality": "Việt Nam",
         "phones": "0903-902-575"},  # not an Indonesian mobile; a Vietnamese one
        {"record_id": "VN-1", "agency": "VN-MOFA", "phones": "+84 903 902 575"},
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["ID-1"] == nets["VN-1"]


def test_numbers_inside_narratives_in_three_languages_link_with_structured_ones() -> None:
    rows = [
        {"record_id": "VN-1", "agency": "VN-MPS",
         "notes": "Nạn nhân liên hệ anh Tuấn qua Zalo 0912.345.678 để đi làm ở Campuchia"},
        {"record_id": "ID-1", "agency": "ID-BP2MI",
         "notes": "Korban dihubungi lewat WA +84 912 345 678 oleh perekrut"},
        {"record_id": "EN-1", "agency": "TH-DSI",
         "notes": "The victim was called from (+84) 912-345-678 before crossing at Poipet."},
    ]  # fmt: skip
    assert len(set(_net(rows).values())) == 1


# --- junk in identifier fields ---------------------------------------------------------------


def test_junk_in_identifier_fields_joins_nothing_and_is_reported() -> None:
    junk = ["not-a-phone", "0", "n/a", "113", "không có", "tidak ada", "000000000", "-"]
    rows = [{"record_id": f"R{i}", "agency": "VN-MPS", "phones": value, "emails": value,
             "handles": value, "accounts": value, "id_numbers": value}
            for i, value in enumerate(junk)]  # fmt: skip
    rows += [{"record_id": f"S{i}", "agency": "ID-POLRI", "phones": value, "handles": value}
             for i, value in enumerate(junk)]  # fmt: skip
    result = link(rows)
    assert len({nid for _r, _p, nid in result.rows()}) == len(rows)
    assert all(not p.indicators for p in result.prepared)
    warned = {(w.record_id, w.field) for w in result.warnings}
    assert ("R0", "phones") in warned and ("R3", "phones") in warned


def test_a_phone_written_in_the_email_column_is_refused_with_a_warning() -> None:
    rows = [
        {"record_id": "R1", "agency": "VN-MPS", "emails": "0912345678"},
        {"record_id": "R2", "agency": "VN-MPS", "phones": "0912345678"},
    ]  # fmt: skip
    result = link(rows)
    nets = {rid: nid for rid, _p, nid in result.rows()}
    assert nets["R1"] != nets["R2"]
    assert any(w.record_id == "R1" and "phone" in w.problem for w in result.warnings)


# --- handles and accounts in fields and narratives ------------------------------------------


def test_a_handle_in_a_narrative_links_with_the_same_handle_in_the_field() -> None:
    rows = [
        {"record_id": "ID-1", "agency": "ID-POLRI",
         "notes": "Korban direkrut lewat Telegram @kerja_thailand_vip dan dijanjikan gaji"},
        {"record_id": "VN-1", "agency": "VN-MPS", "handles": "t.me/kerja_thailand_vip"},
        {"record_id": "EN-1", "agency": "MY-IMM", "notes": "Recruiter used @kerja_thailand_vip"},
    ]  # fmt: skip
    assert len(set(_net(rows).values())) == 1


def test_a_bank_account_after_the_banks_name_in_a_narrative_links_with_the_field() -> None:
    rows = [
        {"record_id": "VN-1", "agency": "VN-MPS",
         "notes": "Gia đình chuyển tiền vào tài khoản BIDV 1231 0000 456 789 để chuộc người"},
        {"record_id": "VN-2", "agency": "VN-MOFA", "accounts": "BIDV, 12310000456789"},
        {"record_id": "ID-1", "agency": "ID-POLRI",
         "notes": "Uang ditransfer ke rekening BCA 8720 331 904 atas nama perekrut"},
        {"record_id": "ID-2", "agency": "ID-BP2MI", "accounts": "BCA 8720331904"},
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["VN-1"] == nets["VN-2"] and nets["ID-1"] == nets["ID-2"]
    assert nets["VN-1"] != nets["ID-1"]


# --- names, dates and common names -----------------------------------------------------------


def test_one_person_written_in_the_ways_agencies_write_names_and_dates() -> None:
    rows = [
        {"record_id": "A", "agency": "VN-MPS", "name": "Nguyễn Thị Thu Hương",
         "date_of_birth": "05/11/1995"},
        {"record_id": "B", "agency": "ID-POLRI", "name": "NGUYEN THI HUONG",
         "date_of_birth": "1995-11-05"},
        {"record_id": "C", "agency": "MY-IMM", "name": "Huong Thi Thu Nguyen",
         "date_of_birth": "11/05/1995"},
        {"record_id": "D", "agency": "TH-DSI", "name": "Nguyen Thi Thu Huogn",
         "date_of_birth": "5/11/1995"},
    ]  # fmt: skip
    assert len(set(_person(rows).values())) == 1


def test_many_people_called_nguyen_van_nam_stay_apart_without_corroboration() -> None:
    rows = [{"record_id": f"N{i:02d}", "agency": f"VN-U{i % 4}", "name": "Nguyễn Văn Nam",
             "nationality": "VN",
             "date_of_birth": f"19{70 + i}-0{1 + i % 9}-1{i % 10}" if i % 3 else ""}
            for i in range(24)]  # fmt: skip
    persons = _person(rows)
    assert len(set(persons.values())) == 24


def test_a_common_name_with_an_equal_birth_date_or_a_shared_phone_is_one_person() -> None:
    rows = [
        {"record_id": "A", "agency": "VN-MPS", "name": "Nguyễn Văn Nam",
         "date_of_birth": "12/03/1990"},
        {"record_id": "B", "agency": "KH-NCCT", "name": "NGUYEN VAN NAM",
         "date_of_birth": "1990-03-12"},
        {"record_id": "C", "agency": "VN-MPS", "name": "Nguyen Nam", "phones": "0912 345 678",
         "role": "recruiter"},
        {"record_id": "D", "agency": "TH-DSI", "name": "Nam Nguyen Van", "role": "recruiter",
         "phones": "+84912345678"},
        {"record_id": "E", "agency": "VN-MPS", "name": "Nguyễn Văn Nam",
         "date_of_birth": "1971-08-30"},
    ]  # fmt: skip
    persons = _person(rows)
    assert persons["A"] == persons["B"]
    assert persons["C"] == persons["D"]
    assert persons["E"] not in {persons["A"], persons["C"]}


def test_a_record_with_only_a_name_and_a_birth_date_finds_its_person() -> None:
    rows = [
        {"record_id": "A", "agency": "ID-POLRI", "name": "Siti Nurhaliza binti Ahmad",
         "date_of_birth": "01/07/1998", "phones": "0812-3456-7890"},
        {"record_id": "B", "agency": "MY-IMM", "name": "SITI NURHALIZA",
         "date_of_birth": "1998-07-01"},
    ]  # fmt: skip
    persons = _person(rows)
    assert persons["A"] == persons["B"]


# --- hubs ---------------------------------------------------------------------------------------


def test_a_shelters_desk_phone_on_many_victims_joins_nothing_and_a_recruiters_phone_does() -> None:
    rows = []
    for i in range(40):  # victims of unrelated cases, all given the shelter's desk phone
        rows.append({"record_id": f"V{i:02d}", "agency": ["VN-MPS", "ID-BP2MI", "KH-NCCT"][i % 3],
                     "case_ref": f"C{i}", "role": "victim", "name": f"Victim {i}",
                     "phones": "024 3933 1234" if i % 3 == 0 else "+84 24 3933 1234"})  # fmt: skip
    for i in range(20):  # one recruiter's phone in twenty files of one network
        rows.append({"record_id": f"K{i:02d}", "agency": ["VN-MPS", "TH-DSI"][i % 2],
                     "case_ref": f"K{i}", "role": "recruiter", "name": "Lê Văn Tâm",
                     "phones": "+84 977 123 456"})  # fmt: skip
    result = link(rows)
    assert "+842439331234" in result.hubs and "+84977123456" not in result.hubs
    nets = {rid: nid for rid, _p, nid in result.rows()}
    assert len({nets[f"V{i:02d}"] for i in range(40)}) == 40
    assert len({nets[f"K{i:02d}"] for i in range(20)}) == 1


# --- evidence that only looks like evidence ------------------------------------------------


def test_a_platform_named_in_a_narrative_is_no_shared_handle() -> None:
    rows = [
        {"record_id": "LK-1", "agency": "LK-CID", "role": "victim",
         "notes": "The victim kept in touch with her family on @imo during the journey."},
        {"record_id": "MY-1", "agency": "MY-PDRM", "role": "victim",
         "notes": "Contact was via @WeChat and later by phone."},
        {"record_id": "MY-2", "agency": "MY-PDRM", "role": "victim",
         "notes": "Korban dihubungi lewat @wechat oleh perekrut."},
        {"record_id": "LK-2", "agency": "LK-CID", "role": "victim", "handles": "@imo"},
    ]  # fmt: skip
    result = link(rows)
    assert len({nid for _r, _p, nid in result.rows()}) == 4
    assert not [i for p in result.prepared for i in p.indicators if i.kind == "handle"]


def test_an_email_with_digits_after_its_domain_is_refused_and_joins_nothing() -> None:
    rows = [
        {"record_id": "VN-1", "agency": "VN-MPS", "name": "Nguyễn Thị Hoa",
         "emails": "hoanguyen@gmail.com249"},
        {"record_id": "VN-2", "agency": "VN-MOLISA", "name": "Nguyen Thi Hoa",
         "emails": "Hoanguyen@gmail.com817"},
        {"record_id": "VN-3", "agency": "VN-MPS", "name": "NGUYEN THI HOA",
         "notes": "Nạn nhân dùng email hoanguyen@gmail.com5 để liên lạc"},
    ]  # fmt: skip
    result = link(rows)
    assert len({nid for _r, _p, nid in result.rows()}) == 3
    assert {(w.record_id, w.field) for w in result.warnings} == {
        ("VN-1", "emails"), ("VN-2", "emails")}  # fmt: skip


def test_a_number_with_the_00_prefix_is_international_whatever_the_agencys_own_prefix() -> None:
    # Thai and Indonesian agencies dial abroad with 001, but write what victims tell them
    rows = [
        {"record_id": "TH-1", "agency": "TH-RTP", "agency_country": "TH",
         "phones": "0066 22 75 71 47"},
        {"record_id": "TH-2", "agency": "TH-DSDW", "agency_country": "TH",
         "phones": "+66 2 275 7147"},
        {"record_id": "ID-1", "agency": "ID-POLRI", "agency_country": "ID",
         "phones": "0095 1 297 8977"},
        {"record_id": "MM-1", "agency": "MM-MPF", "agency_country": "MM",
         "phones": "+95 1 297 8977"},
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["TH-1"] == nets["TH-2"]
    assert nets["ID-1"] == nets["MM-1"]
    assert nets["TH-1"] != nets["ID-1"]


def test_a_number_a_narrative_calls_a_hotline_joins_nothing_but_stays_visible() -> None:
    notes = [
        "Gia đình đã gọi đường dây nóng +855 23 284 498 để trình báo.",
        "Keluarga melapor lewat hotline +855 23 284 498.",
        "The case was reported through the 023 284 498 hotline.",
    ]
    rows = [{"record_id": f"R{i}", "agency": a, "agency_country": "KH", "role": "victim",
             "notes": n} for i, (a, n) in enumerate(zip(["VN-MPS", "ID-POLRI", "KH-NCCT"],
                                                        notes, strict=True))]  # fmt: skip
    result = link(rows)
    assert len({nid for _r, _p, nid in result.rows()}) == 3
    assert "+85523284498" in result.hubs
    assert "hotline" in result.hubs["+85523284498"].reason


def test_a_hubs_number_read_with_another_country_code_is_the_hub_too() -> None:
    desk = [{"record_id": f"KH-{i}", "agency": f"KH-{i % 3}", "agency_country": "KH",
             "role": "victim", "name": name, "phones": "+855 23 284 498"}
            for i, name in enumerate(["Sok Dara", "Chan Sophea", "Keo Samnang", "Pich Sreymom",
                                      "Vann Sophal", "Ly Bunthoeun", "Nhem Bopha", "Sorn Vuthy",
                                      "Chea Sokha", "Heng Ratana", "Mao Sreyneang", "Ouk Piseth"])
            ]  # fmt: skip
    # Vietnamese agencies write the same desk number without its country code, or with
    # their own
    misread = [{"record_id": f"VN-{i}", "agency": "VN-MPS", "agency_country": "VN",
                "role": "victim", "name": name,
                "phones": "+84 23 284 498" if i == 0 else "023 284 498"}
               for i, name in enumerate(["Lê Sơn", "Đoàn Thị Linh", "Võ Văn Thành"])]  # fmt: skip
    result = link(desk + misread)
    assert "+85523284498" in result.hubs
    misread_values = {i.value for p in result.prepared if p.record_id.startswith("VN-")
                      for i in p.indicators}  # fmt: skip
    assert misread_values and misread_values <= set(result.hubs)
    assert len({nid for _r, _p, nid in result.rows()}) == 15


def test_two_people_with_one_name_and_only_the_same_birth_year_stay_apart() -> None:
    rows = [
        {"record_id": "LK-1", "agency": "LK-NSH", "name": "Perera Kumari", "date_of_birth": "1985",
         "nationality": "LK"},
        {"record_id": "LK-2", "agency": "LK-DSW", "name": "Perera Kumari", "date_of_birth": "1985",
         "nationality": "LK"},
        # 1 January is what agencies write when they know only the year
        {"record_id": "KH-1", "agency": "KH-NCCT", "name": "Kim Dara",
         "date_of_birth": "01/01/1989", "nationality": "KH"},
        {"record_id": "KH-2", "agency": "KH-MOSVY", "name": "KIM DARA",
         "date_of_birth": "1989-01-01", "nationality": "KH"},
        # a real date still makes one person
        {"record_id": "VN-1", "agency": "VN-MPS", "name": "Trần Thị Loan",
         "date_of_birth": "14/03/1991"},
        {"record_id": "VN-2", "agency": "VN-MOLISA", "name": "TRAN THI LOAN",
         "date_of_birth": "1991-03-14"},
    ]  # fmt: skip
    persons = _person(rows)
    assert persons["LK-1"] != persons["LK-2"]
    assert persons["KH-1"] != persons["KH-2"]
    assert persons["VN-1"] == persons["VN-2"]


def test_a_one_word_name_found_in_a_longer_name_with_one_birth_date_is_not_one_person() -> None:
    rows = [
        {"record_id": "ID-1", "agency": "ID-POLRI", "name": "SUPARMAN",
         "date_of_birth": "1996-12-04", "nationality": "ID"},
        # Suparman is her father's name
        {"record_id": "ID-2", "agency": "ID-BP2MI", "name": "Sri Wahyuni binti Suparman",
         "date_of_birth": "04/12/1996", "nationality": "ID"},
        # a dropped middle name still makes one person
        {"record_id": "VN-1", "agency": "VN-MPS", "name": "Nguyễn Thị Minh Khai",
         "date_of_birth": "02/09/1995"},
        {"record_id": "VN-2", "agency": "VN-MOLISA", "name": "Nguyen Khai",
         "date_of_birth": "1995-09-02"},
    ]  # fmt: skip
    persons = _person(rows)
    assert persons["ID-1"] != persons["ID-2"]
    assert persons["VN-1"] == persons["VN-2"]


# --- threads of large networks, wallets, profiles, family phones, one network's suspects ---


def test_a_large_networks_recruiter_number_in_many_narratives_is_its_thread_not_a_hub() -> None:
    rows = []
    for i in range(30):  # thirty cases of one network, two victims each, 60 narratives
        for k in range(2):
            rows.append({"record_id": f"V{i:02d}{k}", "agency": ["VN-MPS", "VN-BDBP"][i % 2],
                         "case_ref": f"C{i}", "role": "victim", "name": f"Nạn nhân {i} {k}",
                         "notes": "Đối tượng liên hệ qua số 0903 902 575."})  # fmt: skip
    for i in range(60):  # sixty unrelated victims given one shelter's desk phone
        rows.append({"record_id": f"S{i:02d}", "agency": ["VN-MPS", "ID-BP2MI"][i % 2],
                     "case_ref": f"S{i}", "role": "victim", "name": f"Korban {i}",
                     "phones": "+84 24 3933 1234"})  # fmt: skip
    result = link(rows)
    assert "+84903902575" not in result.hubs and "+842439331234" in result.hubs
    nets = {rid: nid for rid, _p, nid in result.rows()}
    assert len({nets[f"V{i:02d}{k}"] for i in range(30) for k in range(2)}) == 1
    assert len({nets[f"S{i:02d}"] for i in range(60)}) == 60


def test_a_facebook_profile_by_number_is_one_profile_and_another_number_another() -> None:
    rows = [
        {"record_id": "VN-1", "agency": "VN-MPS", "role": "victim",
         "notes": "Nạn nhân được tuyển qua https://www.facebook.com/profile.php?id=100077433288747."},
        {"record_id": "ID-1", "agency": "ID-POLRI", "role": "victim",
         "handles": "facebook.com/profile.php?id=100077433288747"},
        {"record_id": "EN-1", "agency": "TH-DSI", "role": "victim",
         "notes": "Contact was via https://facebook.com/profile.php?id=100013665316830"},
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["VN-1"] == nets["ID-1"] != nets["EN-1"]


def test_a_mobile_money_wallet_is_the_phone_it_was_opened_on() -> None:
    rows = [
        # an Indonesian agency writes the Malaysian recruiter's Touch 'n Go wallet nationally
        {"record_id": "ID-1", "agency": "ID-POLRI", "role": "victim", "nationality": "ID",
         "accounts": "TOUCH 'N GO 012-690-1946"},
        {"record_id": "MY-1", "agency": "MY-PDRM", "role": "recruiter",
         "phones": "+60 12 690 1946"},
        # GCash of the Philippines in a Vietnamese narrative, and the same wallet in the field
        {"record_id": "VN-1", "agency": "VN-MPS", "role": "victim",
         "notes": "Gia đình chuyển tiền vào tài khoản GCash 0968 410 4581 theo yêu cầu."},
        {"record_id": "PH-1", "agency": "PH-IACAT", "role": "victim",
         "accounts": "GCash +639684104581"},
        {"record_id": "BK-1", "agency": "VN-MPS", "role": "victim",
         "accounts": "Vietcombank 0126901946"},  # a bank account is no wallet
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["ID-1"] == nets["MY-1"] != nets["BK-1"]
    assert nets["VN-1"] == nets["PH-1"] != nets["ID-1"]


def test_victims_giving_one_home_phone_are_not_one_network_unless_the_story_names_it() -> None:
    rows = [
        # two villagers of Mường Nhé, recruited by different people, gave the family's phone
        {"record_id": "A-1", "agency": "VN-DOLAB", "case_ref": "44", "role": "victim",
         "name": "Nguyễn Đức Hiếu", "phones": "0321 511 267",
         "address": "Xóm 2, xã Cẩm Nhượng, huyện Mường Nhé, tỉnh Điện Biên",
         "notes": "Nạn nhân quen Ko Hlaing qua Facebook, được hứa việc làm ở KK Park."},
        {"record_id": "B-1", "agency": "VN-TPE", "case_ref": "236", "role": "victim",
         "name": "NGUYỄN THỊ HOA", "date_of_birth": "01/06/1985", "phones": "0321511267",
         "address": "Mường Nhé, Điện Biên",
         "notes": "Nạn nhân quen cô Linh qua Facebook, được hứa việc làm ở Đài Loan."},
    ]  # fmt: skip
    nets = _net(rows)
    assert nets["A-1"] != nets["B-1"]
    # victims of different places sharing a number: a recruiter's number copied into their
    # phones column, a thread
    elsewhere = [rows[0], {**rows[1], "address": "Kec. Cilacap Selatan, Jawa Tengah"}]
    nets = _net(elsewhere)
    assert nets["A-1"] == nets["B-1"]
    # a recruiter's record holding the number makes it a thread of the network again
    rows.append({"record_id": "C-1", "agency": "VN-MPS", "case_ref": "9", "role": "recruiter",
                 "name": "Lò Văn Sáng", "phones": "+84 321 511 267"})  # fmt: skip
    nets = _net(rows)
    assert nets["A-1"] == nets["B-1"] == nets["C-1"]
    # and one victim recorded twice with that phone is one person, so one network
    again = [rows[0], {"record_id": "A-2", "agency": "KH-NCCT", "case_ref": "7", "role": "victim",
                       "name": "NGUYEN DUC HIEU", "phones": "+84321511267"}]  # fmt: skip
    assert len(set(_person(again).values())) == 1


def _suspects() -> list[dict[str, str]]:
    rows = []
    for i, (agency, name, dob) in enumerate([
        ("TH-RTP", "Somchai Somboon", "18/10/2526"), ("ID-IMI", "SOMCHAI SOMBOON", ""),
        ("ID-POLRI", "Somboon Somchai", "1983-10-18"), ("TW-KDEI", "Myint Aung", "1990-11-08"),
        ("MM-ATIPD", "MYINT AUNG", ""), ("TH-RTP", "Myint Aung", "26.6.1977"),
    ]):  # fmt: skip
        # each suspect record sits in a case whose victim names the network's phone
        rows.append({"record_id": f"S{i}", "agency": agency, "case_ref": f"K{i}",
                     "role": "recruiter", "name": name, "date_of_birth": dob})  # fmt: skip
        rows.append({"record_id": f"V{i}", "agency": agency, "case_ref": f"K{i}",
                     "role": "victim", "name": f"Victim {i}",
                     "notes": "The recruiter called from +66 87 265 8584."})  # fmt: skip
    return rows


def test_suspects_of_one_network_with_one_name_are_one_person_unless_something_contradicts(
) -> None:  # fmt: skip
    persons = _person(_suspects())
    assert persons["S0"] == persons["S1"] == persons["S2"]  # Buddhist era and ISO agree
    # two suspects called Myint Aung born 1990 and 1977 stay two, also through a third record
    # with no date, which joins one of them (the same birth date goes first)
    assert persons["S3"] != persons["S5"]
    assert persons["S4"] in (persons["S3"], persons["S5"])
    assert persons["S0"] != persons["S3"]


def test_one_name_in_two_networks_is_not_one_person() -> None:
    rows = _suspects()[:4]  # Somchai Somboon with and without a date, in network +66...
    rows += [{"record_id": "X0", "agency": "ID-POLRI", "case_ref": "X", "role": "recruiter",
              "name": "SOMCHAI SOMBOON"},
             {"record_id": "X1", "agency": "ID-POLRI", "case_ref": "X", "role": "victim",
              "name": "Dewi Lestari",
              "notes": "Perekrut menghubungi lewat 0812-3456-7890."}]  # fmt: skip
    persons = _person(rows)
    assert persons["S0"] == persons["S1"] != persons["X0"]
