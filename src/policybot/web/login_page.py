"""The login form of the chat page: one self-contained HTML page, nothing loaded from
elsewhere (the page's own assets are not served before a login)."""

from __future__ import annotations

from html import escape

_STYLE = (
    "body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0;display:flex;"
    "min-height:100vh;align-items:center;justify-content:center}"
    "form{background:#fff;padding:28px 32px;border-radius:10px;box-shadow:0 2px 12px #0002;"
    "width:320px}h1{font-size:1.2em;margin:0 0 16px}label{display:block;margin:10px 0 4px}"
    "input{width:100%;box-sizing:border-box;padding:8px;border:1px solid #bbb;border-radius:6px}"
    "button{margin-top:16px;width:100%;padding:9px;border:0;border-radius:6px;"
    "background:#2563eb;color:#fff;font-size:1em;cursor:pointer}"
    ".err{color:#9b1c1c;margin:8px 0 0}"
)


def login_html(error: str = "", sso_only: bool = False) -> str:
    if sso_only:
        body = (
            "<form><h1>Hỏi đáp văn bản chính sách</h1><p>Trang này cần đăng nhập qua cổng "
            "đăng nhập của tỉnh. Hãy mở trang từ địa chỉ được cấp.</p></form>"
        )
    else:
        err = f"<p class='err' id='login-error'>{escape(error)}</p>" if error else ""
        body = (
            "<form method='post' action='/login' id='login'>"
            "<h1>Hỏi đáp văn bản chính sách</h1>"
            "<label for='username'>Tên đăng nhập</label>"
            "<input id='username' name='username' autocomplete='username' required autofocus>"
            "<label for='password'>Mật khẩu</label>"
            "<input id='password' name='password' type='password' "
            "autocomplete='current-password' required>"
            f"{err}<button type='submit'>Đăng nhập</button></form>"
        )
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        f"<title>Đăng nhập — Hỏi đáp văn bản chính sách</title><style>{_STYLE}</style>"
        f"</head><body>{body}</body></html>"
    )
