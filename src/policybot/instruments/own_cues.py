"""Pure: what a question asks of an instrument held in full, by its words: when it takes
effect, what it replaces or abolishes, what replaced it, who issued it (OwnAnswers reads
the answers from the instrument's own text)."""

from __future__ import annotations

import re

EFFECTIVE_CUE = re.compile(
    r"(?<!\w)(?:có hiệu lực|hiệu lực thi hành|bắt đầu có hiệu lực|hiệu lực từ"
    r"|(?:được )?(?:áp dụng|thi hành) (?:kể )?từ (?:ngày|khi|lúc|hôm|thời điểm) nào"
    # in an official's words: "khi nào mới bắt đầu chạy?", "bắt đầu áp dụng từ bao giờ?"
    r"|(?:khi nào|bao giờ|lúc nào|ngày nào) (?:thì )?(?:mới )?(?:bắt đầu )?(?:được )?"
    r"(?:áp dụng|chạy|thi hành)(?!\w)|bắt đầu (?:được )?(?:áp dụng|chạy|thi hành)(?!\w)"
    # "bắt đầu có tác dụng từ hôm nào": takes effect (not "có tác dụng gì", of what use)
    r"|có tác dụng (?:(?:kể )?từ|vào) (?:ngày|khi|lúc|hôm|thời điểm|bao giờ)"
    r"|(?:khi nào|bao giờ|lúc nào|ngày nào|hôm nào) (?:thì )?(?:mới )?(?:bắt đầu )?có tác dụng)"
)
# "bỏ hẳn cái quyết định cũ", "bỏ quy định": abolishing, in everyday words
_DROPS = (
    r"|bỏ(?:\s+(?:hẳn|đi|luôn))?\s+(?:cái\s+|các\s+|những\s+)?(?:quyết định|nghị định|thông tư"
    r"|chỉ thị|quy định|quy chế|văn bản|nghị quyết|kế hoạch)"
)
REPLACES_CUE = re.compile(
    r"(?<!\w)(?:thay thế|thay cho|thay bằng|thay bởi|bãi bỏ|hủy bỏ|huỷ bỏ|bị bỏ|hết hiệu lực"
    r"|chấm dứt hiệu lực"
    # "công bố bổ sung thủ tục hành chính nào": procedures added, no instrument amended
    r"|không còn hiệu lực|(?:sửa đổi|bổ sung)"
    r"(?![,\s]+(?:(?!nghị|thông|quyết|luật|văn)\S+[,\s]+){0,3}?thủ tục)"
    + _DROPS
    + r")(?!\w)[^?]*(?:nào|gì|những|số mấy)"
    r"|(?<!\w)(?:nào|gì|những|mấy)(?!\w)[^?]*"
    r"(?:bị bỏ|bị bãi bỏ|bị thay thế|được thay thế|hết hiệu lực)(?!\w)"
)
# "Luật sửa đổi, bổ sung …": an amending instrument's own name, no question of what it amends
AMENDING_NAME = re.compile(
    r"(?<!\w)(luật|bộ luật|pháp lệnh|nghị định|nghị quyết|thông tư|quyết định)\s+"
    r"(?:sửa đổi(?:\s*,\s*|\s+và\s+)?(?:bổ sung)?|bổ sung)(?!\w)"
)
# "thay bằng quyết định nào", "văn bản nào thay thế nó": the newer instrument asked, which
# a statement that replaces names ("thay thế", "… hết hiệu lực kể từ ngày Nghị định này có
# hiệu lực": its successor); an abolition alone ("bãi bỏ") names none.
SUBSTITUTE_ASKED = re.compile(
    # "được thay bằng nghị định nào"; not "văn bản nào được thay thế bởi Nghị định 19", which
    # asks for the older one
    r"(?<!\w)(?:thay bằng|thay bởi|được thay thế bằng|được thay thế bởi)(?!\w)"
    r"[^?]*(?<!\w)(?:nào|gì|số mấy)(?!\w)"
    r"|(?<!\w)(?:nào|gì)(?: mới)? (?:để |đã |sẽ )?thay (?:thế|cho)(?!\w)"
)
SUBSTITUTES = re.compile(r"(?<!\w)(?:thay (?:thế|cho|bằng)|hết hiệu lực)(?!\w)", re.IGNORECASE)
REMOVAL = re.compile(
    r"(?<!\w)(?:thay thế|thay cho|thay bằng|thay bởi|bãi bỏ|hủy bỏ|huỷ bỏ|bị bỏ|hết hiệu lực"
    r"|chấm dứt hiệu lực"
    r"|không còn hiệu lực" + _DROPS + r")(?!\w)"
)
# "… có hiệu lực từ ngày nào?": a day asked is the effective date even when the
# instrument's name says it replaces or amends another.
_WHEN = r"(?:ngày nào|khi nào|lúc nào|bao giờ|thời điểm nào|hôm nào)"
DAY_ASKED = re.compile(r"(?<!\w)" + _WHEN)
# "… hết hiệu lực từ ngày nào?", "khi nào thì hết hiệu lực?", "còn hiệu lực không?": when it
# ceased to be in force, or whether it still is
EXPIRY_ASKED = re.compile(
    r"(?<!\w)(?:hết\s+hiệu\s+lực(?:\s+(?:thi\s+hành|toàn\s+bộ))?\s+(?:(?:từ|kể\s+từ|vào)\s+)?"
    + _WHEN
    + r"|"
    + _WHEN
    + r"\s+(?:thì\s+)?(?:đã\s+)?hết\s+hiệu\s+lực"
    + r"|còn\s+hiệu\s+lực|hết\s+hiệu\s+lực\s+chưa)(?!\w)"
)
# "… do cơ quan nào ban hành?", "… do bộ nào phê duyệt?", "cơ quan nào ra nghị quyết …",
# "… do UBND tỉnh hay Chủ tịch UBND tỉnh ban hành?": who issued it; not a task given to a
# body ("được giao ban hành …"), nor a power to decide ("cơ quan nào ra quyết định thu hồi").
_A_TYPE = (
    r"(?:văn bản|nghị quyết|nghị định|quyết định|thông tư|chỉ thị|kế hoạch|luật|công văn"
    r"|quy chế|quy định)(?!\w)"
)
_WHO_BODY = r"(?:ai|cơ quan nào|cấp nào|bộ nào|ban nào|sở nào|đơn vị nào|tổ chức nào)"
# "cấp nào của Đảng ban hành", "cơ quan nào thuộc Chính phủ ban hành": whose body it is
_WHOSE = (
    r"(?:\s+(?:của|thuộc)\s+(?:đảng|nhà nước|chính phủ|trung ương|quốc hội|tỉnh|thành phố"
    r"|huyện|bộ))?"
)
ISSUER_ASKED = re.compile(
    r"(?<!\w)(?:(?:do\s+)?" + _WHO_BODY + _WHOSE + r"\s+(?:đã\s+)?(?:ký\s+)?"
    r"(?:ban hành|phê duyệt|ra(?=\s*\?|\s+(?!quyết định)" + _A_TYPE + r")"
    r"|(?:quyết nghị\s+)?thông qua"
    r"|có văn bản)"
    r"|do\s+[^?]{2,60}?\s+hay\s+[^?]{2,60}?\s+(?:ban hành|phê duyệt))(?!\w)"
)
# "Việc thành lập phường … do cơ quan nào quyết định?": who decided the matter, which is who
# issued the instrument only when the matter is what its trích yếu names (MATTER_SHARE);
# not "cơ quan nào quyết định đầu tư …" (a power over what follows)
DECIDED_ASKED = re.compile(
    r"(?<!\w)(?:do\s+)?" + _WHO_BODY + r"\s+(?:đã\s+)?quyết định"
    r"(?:\s+(?:ạ|vậy|nhỉ|hả|thế|nhé))*\s*\?*\s*$"
)
TASK = re.compile(r"(?<!\w)(?:được giao|giao cho|chủ trì|có trách nhiệm|tham mưu)(?!\w)")
