"""Who a sentence names doing what a who-question asks (answers/roles.py)."""

from policybot.answers.roles import (
    DESTINATION_ASKED,
    PARENT_ASKED,
    duty_holder,
    heads_items,
    in_duties,
    names_actor,
    names_destination,
    names_parent,
    roles_asked,
)


def test_the_role_asked_is_read_from_the_question() -> None:
    assert roles_asked("Cơ quan nào được giao chủ trì triển khai Kế hoạch?") == {"chủ trì"}
    # a verb of what the question is about is not the role asked
    q = "Trong kế hoạch triển khai Nghị quyết 214/NQ-CP, đơn vị nào chủ trì việc rà soát?"
    assert roles_asked(q) == {"chủ trì"}
    assert roles_asked("Ai là người có thẩm quyền quyết định thủ tục này?") == {"quyết định"}
    assert roles_asked("Cơ quan nào có thẩm quyền?") == {"thẩm quyền"}
    # a verb of no usual role is asked as written, up to a name
    assert roles_asked("Ai ký Quyết định 12/QĐ-UBND?") == {"ký"}
    assert roles_asked("Cơ quan nào tạo lập và cấp tài khoản?") == {"tạo lập"}
    assert roles_asked("Cơ quan nào?") == set()
    # the power asked is the verb after "thẩm quyền"
    assert roles_asked("Phó Giám đốc Trung tâm thì ai có thẩm quyền bổ nhiệm?") == {"bổ nhiệm"}
    assert names_actor("Các Phó Giám đốc do Giám đốc Sở Giao thông vận tải bổ nhiệm.", {"bổ nhiệm"})
    # … and, of no usual role, as written
    roles = roles_asked("Ai có thẩm quyền đánh giá kết quả làm việc của Tổng công trình sư?")
    assert roles == {"đánh giá"}
    assert names_actor("Ban Chỉ đạo Trung ương thực hiện đánh giá Tổng công trình sư.", roles)
    assert not names_actor("Ban Chỉ đạo Trung ương họp mỗi quý một lần.", {"đánh giá"})


def test_whose_proposal_an_instrument_follows_is_who_proposed_it() -> None:
    roles = roles_asked("Việc bãi bỏ quy định cũ là do cơ quan nào trình lên?")
    said = "Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 104/TTr-SKHCN."
    assert names_actor(said, roles)
    assert not names_actor(said, {"chủ trì"})  # proposing is not leading
    by_head = "Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ tại Tờ trình số 104."
    assert names_actor(by_head, roles)
    assert names_actor("Xét Tờ trình số 55/TTr-SNV ngày 1/2/2025 của Sở Nội vụ.", {"trình"})
    assert not names_actor(said, {"trình bày"})  # presenting is not proposing


def test_everyday_words_for_taking_a_task_on_leave_the_verb_asked() -> None:
    assert roles_asked("Bên nào lo giám sát an toàn thông tin mạng cho hệ thống?") == {"giám sát"}
    assert roles_asked("Sở nào đứng ra lo việc khen thưởng doanh nghiệp?") == {"khen thưởng"}
    assert roles_asked("Sở nào ngồi xem xét con số dự trù?") == {"xem xét"}
    assert roles_asked("Cơ quan nào phải đứng ra tổ chức hội nghị?") == {"tổ chức"}
    assert roles_asked("Phòng nào lo, khi nào xong?") == set()
    assert roles_asked("Cơ quan nào lo việc này?") == set()  # "này" points, it does nothing
    # where they open a word of their own, they are the verb asked
    assert roles_asked("Ai lo liệu việc này?") == {"lo liệu"}
    assert roles_asked("Bên nào lo ngại về chi phí?") == {"lo ngại"}


def test_duties_listed_before_a_usual_role_are_asked_too() -> None:
    q = "Kế hoạch giao cơ quan nào làm thường trực, theo dõi, đôn đốc thực hiện?"
    roles = roles_asked(q)
    assert roles == {"thường trực", "thực hiện"}  # "làm" only says what it serves as
    said = "- Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc."
    assert names_actor(said, roles)
    assert not names_actor("- Sở Tài chính bố trí kinh phí, hướng dẫn thanh quyết toán.", roles)
    # a usual role leading the clause is asked alone, as before
    assert roles_asked("Cơ quan nào được giao chủ trì, triển khai Kế hoạch?") == {"chủ trì"}
    # "làm" before anything but a duty is the verb asked
    assert roles_asked("Cơ quan nào làm rõ nội dung này?") == {"làm rõ"}
    assert roles_asked("Cơ quan nào làm lại hồ sơ?") == {"làm lại"}
    assert roles_asked("Cơ quan nào làm đầu mối?") == {"đầu mối"}


def test_a_phong_is_a_body_when_one_is_asked() -> None:
    sentence = "Phòng Nội vụ huyện tiếp nhận hồ sơ và trình Ủy ban nhân dân huyện."
    assert names_actor(sentence, roles_asked("Phòng nào của huyện tiếp nhận hồ sơ?"))
    assert not names_actor("Phòng họp được bố trí tại tầng 2.", {"bố trí"})


def test_a_body_leading_the_role_asked_is_an_actor() -> None:
    roles = {"chủ trì"}
    assert names_actor("Giao Sở Công Thương chủ trì, phối hợp với các sở, ngành triển khai.", roles)
    assert names_actor("Bộ Công an chủ trì thực hiện dự án.", roles)


def test_a_body_only_mentioned_or_doing_another_role_is_not() -> None:
    roles = {"chủ trì"}
    # a body named, but the role asked is not what it does
    assert not names_actor("Sở Tài chính phối hợp với các đơn vị liên quan.", roles)
    # "Ban hành" is a verb, not the body "Ban …"
    assert not names_actor("Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu.", roles)
    # the role comes in another clause, far from the body
    assert not names_actor(
        "Theo đề nghị của Sở Nội vụ; căn cứ kết quả rà soát, Ủy ban nhân dân tỉnh chủ trì.",
        {"thẩm quyền"},
    )


def test_the_body_advised_is_not_the_actor() -> None:
    item = "- Là cơ quan thường trực, chủ trì tham mưu Ủy ban nhân dân Tỉnh triển khai Kế hoạch."
    assert not names_actor(item, set())
    assert not names_actor("Định kỳ báo cáo Bộ Tư pháp thực hiện.", set())
    # its list's heading names the actor, and the answer shows it
    assert heads_items("1. Sở Khoa học và Công nghệ", item, set())


def test_a_body_leading_after_partners_is_the_actor() -> None:
    # the partners before "phối hợp" do not lead; the body after it does
    assert names_actor("Các sở phối hợp với Sở Khoa học và Công nghệ chủ trì rà soát.", {"chủ trì"})
    assert not names_actor("Sở Y tế phối hợp với các đơn vị rà soát.", {"chủ trì"})


def test_any_role_counts_when_the_question_names_none() -> None:
    assert names_actor("Chủ tịch Ủy ban nhân dân cấp tỉnh quyết định công nhận kết quả.", set())


HEADER = "| STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |"


def test_a_table_rows_actor_is_in_the_column_the_role_names() -> None:
    row = "| 2 | Rà soát Chiến lược dữ liệu | Sở Khoa học và Công nghệ | Công an Thành phố | 2026 |"
    assert names_actor(row, {"chủ trì"}, row, HEADER)
    # the body is only a partner; no lead is named in the column asked
    row = "| 3 | Số hóa hồ sơ | | Sở Nội vụ | 2027 |"
    assert not names_actor(row, {"chủ trì"}, row, HEADER)


def test_a_verb_of_the_purpose_is_not_the_role_asked() -> None:
    q = "Chỉ thị giao cơ quan nào bố trí kinh phí cho các Bộ, ngành Trung ương để thực hiện?"
    assert roles_asked(q) == {"bố trí"}  # not "thực hiện", what it is done for
    q = "Cơ quan nào được UBND tỉnh Sơn La giao chủ trì triển khai Kế hoạch xuất khẩu?"
    assert roles_asked(q) == {"chủ trì"}


def test_a_body_that_has_the_duty_is_an_actor() -> None:
    assert names_actor("Bộ Tài chính có trách nhiệm bố trí kinh phí cho các Bộ.", set())


def test_a_line_naming_a_body_heads_the_tasks_listed_under_it() -> None:
    """A plan's assignments: "1. Sở Công Thương:" then "- Chủ trì điều phối …"."""
    item = "- Chủ trì điều phối toàn bộ nguồn hàng hỗ trợ từ nguồn ngân sách nhà nước;"
    assert heads_items("1. Sở Công Thương:", item, set())
    assert heads_items("1. Sở Công Thương:", item, {"chủ trì"})
    assert not heads_items("1. Sở Công Thương:", item, {"thẩm quyền"})  # another role
    assert not heads_items("1. Sở Công Thương:", "- Hàng hóa dự trữ tại kho;", set())
    assert not heads_items("2. Nguồn hàng hóa huy động:", item, set())  # no body
    # a clause's line naming the body with no colon ("4. Bộ Công an", then "a) Chủ trì …")
    assert heads_items("4. Bộ Công an", "a) Chủ trì việc nghiên cứu;", {"chủ trì"})
    assert not heads_items("4. Nguồn vốn thực hiện", "a) Chủ trì việc nghiên cứu;", set())
    duties = (
        "2. Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố Hà Nội (sau đây gọi"
        " tắt là “Ban Quản lý”) có trách nhiệm:"
    )
    assert heads_items(duties, "a) Chủ trì tiếp nhận, xét duyệt hồ sơ cấp thẻ;", {"tiếp nhận"})
    assert heads_items(
        "Ban Tôn giáo Chính phủ được phân cấp thực hiện tiếp nhận thông báo sau đây:",
        "1. Tiếp nhận các thông báo phong phẩm;",
        {"tiếp nhận"},
    )


def test_a_procedure_cards_label_names_the_role_of_the_body_after_it() -> None:
    line = "- Người có thẩm quyền quyết định: Chủ tịch Ủy ban nhân dân cấp tỉnh."
    assert names_actor(line, {"quyết định"})
    assert names_actor("- Cơ quan thực hiện: Sở Nông nghiệp và Môi trường tỉnh Lạng Sơn.", set())
    assert not names_actor(line, {"chủ trì"})  # another role asked
    assert not names_actor("- Thời hạn giải quyết: 45 ngày.", set())  # no body named


def test_a_kind_of_body_is_no_body_named() -> None:
    # the item's subject is its list's body; "cơ quan đầu mối" only says what that body is
    item = "a) Là cơ quan đầu mối, chủ trì, phối hợp với các cơ quan tham mưu triển khai."
    assert not names_actor(item, {"chủ trì"})
    assert heads_items("1. Sở Khoa học và Công nghệ", item, {"chủ trì"})
    assert names_actor("Cơ quan chủ quản chủ trì vận hành hệ thống.", {"chủ trì"})


def test_bodies_asked_to_act_head_the_items_under_them() -> None:
    opener = "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã"
    assert heads_items(opener, "a) Tuyên truyền, vận động hội viên tham gia.", set())
    assert not heads_items("6. Đề nghị: tăng cường tuyên truyền", "a) Tuyên truyền.", set())


def test_an_article_setting_one_bodys_duties_names_the_doer() -> None:
    heading = "Chương V > Điều 15. Trách nhiệm của Công an thành phố"
    assert duty_holder(heading) == "Điều 15. Trách nhiệm của Công an thành phố"
    duty = "Giám sát công tác bảo đảm an toàn thông tin mạng cho Hệ thống."
    assert in_duties(heading, duty, set())
    assert not in_duties(heading, duty, {"chủ trì"})  # another role asked
    assert duty_holder("Chương V > Điều 16. Trách nhiệm của các cơ quan, đơn vị") is None
    assert duty_holder("Chương II > Điều 5. Nguyên tắc sử dụng hệ thống") is None


def test_where_something_is_sent_is_the_body_after_ve() -> None:
    assert DESTINATION_ASKED.search("Các cơ quan phải gửi báo cáo hằng năm về đâu?")
    assert names_destination("Định kỳ hằng năm báo cáo kết quả thực hiện về Sở Xây dựng.")
    assert not names_destination("Định kỳ hằng năm báo cáo kết quả thực hiện kế hoạch.")
    # the body a report goes through
    assert DESTINATION_ASKED.search("Báo cáo nộp vào ngày nào, thông qua đơn vị nào?")
    assert names_destination("Báo cáo UBND tỉnh vào ngày 15/11 hằng năm (qua Sở Tư pháp).")
    assert not names_destination("Thông qua kết quả rà soát, các sở chủ động điều chỉnh.")
    assert not names_destination("Trong năm qua Sở Y tế đã triển khai kế hoạch.")
    assert not DESTINATION_ASKED.search("Tuyến đường đi qua đâu?")
    # what it belongs to is asked last, and a sentence puts it under a body
    assert PARENT_ASKED.search("Trung tâm quản lý hầm Thủ Thiêm trực thuộc sở nào?")
    assert not PARENT_ASKED.search("Đề án thuộc đơn vị nào chủ trì?")  # who leads
    assert names_parent("Nay thành lập Trung tâm trực thuộc Sở Giao thông vận tải.")
    assert names_parent("Trung tâm là đơn vị sự nghiệp thuộc Sở Giao thông vận tải.")


def test_a_kind_of_body_asked_is_answered_by_a_body_of_that_kind() -> None:
    from policybot.answers.roles import acts_as_asked, kind_asked
    from policybot.answers.sentences import Sentence
    from policybot.types import Chunk, Hit

    def said(text: str) -> Sentence:
        chunk = Chunk(id="c", doc_id="d", text=text, title="Kế hoạch", ordinal=0)
        return Sentence(Hit(chunk=chunk, score=1.0, rank=1), text, 0, frozenset())

    assert kind_asked("Sở nào được giao soạn kế hoạch chuyển đổi số?") == "Sở"
    assert kind_asked("Cơ quan nào chủ trì?") is None
    province = said("UBND tỉnh đã ban hành Kế hoạch về việc triển khai thực hiện Nghị quyết.")
    department = said("Sở Thông tin và Truyền thông chủ trì xây dựng Kế hoạch chuyển đổi số.")
    assert acts_as_asked(province, set(), destination=False)  # any body, when none is named
    assert not acts_as_asked(province, set(), destination=False, kind="Sở")
    assert acts_as_asked(department, set(), destination=False, kind="Sở")
    # asked what it is under, a body acting is no answer; asked where it goes, it still is
    assert not acts_as_asked(department, set(), destination=False, kind="Sở", parent=True)
    assert acts_as_asked(department, set(), destination=True, kind="Sở")
    under = said("Nay thành lập Trung tâm Quản lý hầm trực thuộc Sở Giao thông vận tải.")
    assert acts_as_asked(under, set(), destination=False, kind="Sở", parent=True)


def test_a_verb_asked_as_written_adds_to_the_usual_roles() -> None:
    roles = roles_asked("Cơ quan nào tạo lập và cấp tài khoản cho các bộ?")
    assert names_actor("Bộ Tư pháp tạo lập và cấp tài khoản cho các bộ.", roles)
    assert names_actor("Sở Tư pháp chủ trì việc cấp tài khoản.", roles)  # a usual role still
    assert not names_actor("Tài khoản do các bộ quản lý.", roles)


def test_no_verb_is_read_from_a_place_or_a_possessor_after_the_wh_words() -> None:
    assert roles_asked("Đơn vị nào của tỉnh thẩm định hồ sơ?") == set()
    assert roles_asked("Cơ quan nào ở huyện?") == set()


def test_a_long_name_does_not_push_the_verb_out_of_reach() -> None:
    from policybot.answers.roles import names_actor

    # the verb asked comes after "chỉ đạo công tác", past the body's seven-word name
    said = (
        "Bộ Giáo dục và Đào tạo chỉ đạo công tác bảo đảm an toàn cho học sinh tại các địa phương."
    )
    assert names_actor(said, {"bảo đảm"})
    assert not names_actor("Bộ Giáo dục và Đào tạo tổng hợp số liệu.", {"bảo đảm"})
    # a name with " - " in it ("Lao động - Thương binh và Xã hội") is one name
    long_name = "Sở Lao động - Thương binh và Xã hội chủ trì việc bảo đảm an toàn lao động."
    assert names_actor(long_name, {"bảo đảm"})


def test_an_owner_or_an_unnamed_body_is_not_who_acts() -> None:
    said = (
        "Hầu hết các đơn vị đã làm theo kế hoạch của Bộ, có đơn vị đã chủ trì rà soát"
        " đến 90% số thủ tục."
    )
    assert not names_actor(said, {"chủ trì"})
    # a body named as the subject does act, and so does one whose duty is named
    assert names_actor("Nhiệm vụ của Sở Thông tin và Truyền thông là chủ trì.", {"chủ trì"})
    assert names_actor("Văn phòng Bộ đã chủ trì rà soát đến 90% số thủ tục.", {"chủ trì"})
