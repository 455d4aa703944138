"""Pure: everyday words for what official texts say in their own words.

Officials ask "phải gửi sớm hơn hạn mấy ngày", "doanh nghiệp xài công nghệ số", "xin góp ý
qua mạng"; the texts write "gửi trước thời hạn", "sử dụng", "trực tuyến". Word overlap
between a question and the sentence that answers it counts each pair as one word: both
sides are put in the written form (as text/bounds.py does for bounds). Only pairs that mean
the same wherever they occur belong here.
"""

from __future__ import annotations

import re
from functools import lru_cache

_EVERYDAY = (
    ("sử dụng", r"xài"),
    ("trước", r"sớm\s+hơn"),
    # online only where the phrase ends ("qua mạng?", "trên mạng internet"): "trên mạng
    # lưới", "mạng truyền hình cáp", "mạng nội bộ" are networks
    ("trực tuyến", r"(?:trên|qua)\s+mạng(?:\s+internet)?(?=\s*(?:[?.,;:!)]|$|thì\b|không\b))"),
    ("người dân", r"bà\s+con(?!\s+(?:họ|thân|ruột))"),  # not kin ("bà con họ hàng")
    ("kinh doanh", r"buôn\s+bán|làm\s+ăn(?!\s+xa)"),  # not "đi làm ăn xa" (working away)
    # the estimate ("con số dự trù", "tiền dự trù", "dự trù kinh phí"), not "dự trù khả năng"
    (
        "dự toán",
        r"(?:(?<=số\s)|(?<=tiền\s))dự\s+trù|dự\s+trù(?=\s+(?:kinh\s+phí|chi\s+phí|ngân\s+sách|vốn))",
    ),
    ("tối thiểu", r"ít\s+ra"),  # "at least" ("ít nhất": text/bounds.py)
    # deadlines
    ("hạn chót", r"deadline"),  # which text/bounds.py reads as the texts do
    ("quá hạn", r"trễ\s+hạn"),
    ("gia hạn", r"(?:lùi|dời)\s+(?:thời\s+)?hạn(?!\s+chót)"),
    ("bảo đảm", r"đảm\s+bảo"),  # one word, written both ways
    # who does what
    ("giao nhiệm vụ", r"giao\s+việc(?!\s+làm)"),  # not "giao việc làm" (job placement)
    ("chủ trì", r"cầm\s+trịch"),
    ("đôn đốc", r"hối\s+thúc"),
    ("xin ý kiến", r"(?<!xin\s)hỏi\s+ý\s+kiến"),
    ("được phê duyệt", r"được\s+duyệt"),
    ("cắt giảm", r"(?:cắt|bỏ)\s+bớt"),
    ("bãi bỏ", r"dẹp(?:\s+bỏ)?(?=\s+(?:quy\s+định|quyết\s+định|văn\s+bản|thủ\s+tục))"),
    ("tinh giản biên chế", r"(?<!tinh\s)(?<!cắt\s)(?:giảm|cắt)\s+biên\s+chế"),
    (
        "bãi bỏ quy định",
        r"(?<!bãi\s)(?<!hủy\s)(?<!huỷ\s)(?<!xóa\s)(?<!xoá\s)(?<!gỡ\s)(?<!loại\s)bỏ\s+quy\s+định",
    ),
    ("sáp nhập", r"gộp(?=\s+(?:tỉnh|huyện|xã|phường|đơn\s+vị))"),
    ("khen thưởng đột xuất", r"thưởng\s+nóng"),
    ("nâng lương", r"lên\s+lương"),
    ("nghỉ hưu", r"về\s+hưu(?!\s+trí)"),
    ("nộp thuế", r"đóng\s+thuế"),
    ("bồi thường", r"đền\s+bù"),
    ("khảo sát thực tế", r"đi\s+thực\s+tế"),
    # "ưu tiên những ngành nào": the texts' fields ("lĩnh vực như: nông nghiệp, y tế")
    ("lĩnh vực", r"(?:(?<=những\s)|(?<=các\s)|(?<=mấy\s))ngành(?=\s+nào)"),
    # people and bodies
    ("doanh nghiệp khởi nghiệp", r"(?:doanh\s+nghiệp\s+)?start-?\s?ups?"),
    ("hộ kinh doanh", r"hộ\s+cá\s+thể"),
    ("nông dân", r"nhà\s+nông(?!\s+(?:nghiệp|học|thôn|sản|lâm))"),
    ("ngư dân", r"dân\s+chài"),
    ("người cao tuổi", r"người\s+già"),
    ("người khuyết tật", r"người\s+tàn\s+tật"),
    ("trạm y tế", r"trạm\s+xá"),
    ("giáo viên", r"thầy\s+cô(?:\s+giáo)?"),
    ("học sinh", r"học\s+trò"),
    # papers and counters
    ("thủ tục hành chính", r"thủ\s+tục\s+giấy\s+tờ"),
    ("lập hồ sơ", r"làm\s+hồ\s+sơ"),
    ("nộp trực tiếp", r"nộp\s+tay"),
    ("đóng dấu", r"đóng\s+mộc"),
    ("bản sao", r"bản\s+photo"),
    ("đăng ký khai sinh", r"làm\s+(?:giấy\s+)?khai\s+sinh"),
    ("tiếp công dân", r"(?<!trực\s)(?<!gián\s)tiếp\s+dân(?!\s+(?:chủ|tộc))"),
    ("trực tuyến", r"online"),
    ("thư điện tử", r"e-?mail"),
    ("trang thông tin điện tử", r"website|trang\s+web"),
    ("văn bản quy phạm pháp luật", r"văn\s+bản\s+luật"),
    # "cán bộ tin học", "làm tin học": the texts' IT staff; not "tin học hóa", "Trung tâm Tin
    # học", "chứng chỉ tin học" (names and papers)
    (
        "công nghệ thông tin",
        r"(?:(?<=bộ\s)|(?<=trách\s)|(?<=làm\s)|(?<=ngành\s))tin\s+học(?!\s+ho[áà])",
    ),
    ("giấy phép lái xe", r"bằng\s+lái(?:\s+xe)?"),
    # a motorbike, as the law names it; not machinery ("xe máy chuyên dùng", "xe máy thi
    # công", "xe máy, thiết bị") nor "xe máy điện"
    (
        "xe mô tô xe gắn máy",
        r"xe\s+máy(?!\s+(?:chuyên\s+dùng|điện|kéo|thi\s+công|công\s+trình)|\s*,\s*thiết\s+bị)",
    ),
    ("giấy chứng nhận quyền sử dụng đất", r"sổ\s+đỏ"),
)
_PATTERNS = tuple(
    (written, re.compile(rf"(?<!\w)(?:{said})(?!\w)", re.IGNORECASE)) for written, said in _EVERYDAY
)


@lru_cache(maxsize=1 << 16)
def written_words(text: str) -> str:
    """The text with each everyday word replaced by the written one (kept for the texts
    seen last: every question compares the same passages' sentences again)."""
    for written, pattern in _PATTERNS:
        text = pattern.sub(written, text)
    return text
