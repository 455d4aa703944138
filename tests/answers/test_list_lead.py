"""A list asked ("gồm những bước nào") is answered by the line its items follow, with the
items: "Cơ quan, đơn vị góp ý kiến thực hiện các bước sau:" and its three steps, not a
definition sharing the question's words (excerpt of the Quy chế of Quyết định
2610/QĐ-UBND, Cần Thơ)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import embedded_pipeline

from policybot.answers.stated import leads_list


def test_the_steps_asked_are_the_items_under_their_lead_line(tmp_path: Path) -> None:
    pipeline = embedded_pipeline(tmp_path, "steps")
    answer = pipeline.ask(
        "Quy trình góp ý kiến điện tử trên Hệ thống lấy ý kiến điện tử của Cần Thơ gồm"
        " những bước nào?"
    )
    assert not answer.refused
    text = answer.answer
    assert text.index("các bước sau") < text.index("Tiếp nhận và phân công xử lý")
    assert "Phê duyệt và gửi nội dung góp ý kiến" in text
    assert "là việc gửi lại thông tin phản hồi" not in text  # the definition is no step


def test_a_line_ending_in_a_colon_leads_a_list() -> None:
    assert leads_list("Cơ quan, đơn vị góp ý kiến thực hiện các bước sau:")
    assert leads_list("Những nội dung thi đua bao gồm: ")
    assert not leads_list("“Góp ý kiến điện tử” là việc gửi lại thông tin phản hồi qua Hệ thống.")
