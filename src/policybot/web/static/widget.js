/*
 * policybot chat widget for portals. No dependencies, nothing loaded from elsewhere.
 *
 *   <script src="https://HOST/static/widget.js" data-api="https://HOST"
 *           data-key="YOUR_API_KEY" defer></script>
 *
 * Optional: data-title="..." (header), data-open="true" (start opened).
 * Server text is only ever put into the page with textContent, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var api = (script.getAttribute("data-api") || new URL(script.src, location.href).origin)
    .replace(/\/+$/, "");
  var key = script.getAttribute("data-key") || "";
  var title = script.getAttribute("data-title") || "Hỏi đáp văn bản chính sách";
  var history = [];
  var busy = false;

  var CSS = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}",
    ".launcher{position:fixed;right:20px;bottom:20px;z-index:2147483000;border:0;",
    "border-radius:28px;padding:14px 18px;background:#1d4ed8;color:#fff;font-size:15px;",
    "cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}",
    ".panel{position:fixed;right:20px;bottom:84px;z-index:2147483000;width:380px;",
    "max-width:calc(100vw - 40px);height:560px;max-height:calc(100vh - 110px);display:none;",
    "flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;",
    "box-shadow:0 8px 30px rgba(0,0,0,.3);color:#1f2933;font-size:14px;line-height:1.45}",
    ".panel.open{display:flex}",
    ".head{background:#1d4ed8;color:#fff;padding:12px 14px;font-weight:600;display:flex;",
    "justify-content:space-between;align-items:center}",
    ".head button{background:none;border:0;color:#fff;font-size:18px;cursor:pointer}",
    ".msgs{flex:1;overflow-y:auto;padding:12px;background:#f6f7f9}",
    ".msg{margin:0 0 10px;padding:8px 10px;border-radius:10px;max-width:92%;",
    "white-space:pre-wrap;word-wrap:break-word}",
    ".user{background:#dbeafe;margin-left:auto}",
    ".bot{background:#fff;border:1px solid #e4e7eb}",
    ".refused{border-color:#f5b7b1;background:#fff5f5}",
    ".error{background:#fff5f5;border:1px solid #f5b7b1;color:#9b1c1c}",
    ".srcs{margin-top:8px;border-top:1px solid #e4e7eb;padding-top:6px;font-size:12.5px}",
    ".src{margin:4px 0}.src b{color:#1d4ed8}",
    ".src q{display:block;color:#52606d;margin:2px 0;quotes:'«' '»'}",
    ".src a{color:#1d4ed8}",
    "form{display:flex;gap:6px;padding:10px;border-top:1px solid #e4e7eb;background:#fff}",
    "input{flex:1;padding:9px 10px;border:1px solid #cbd2d9;border-radius:8px;font-size:14px}",
    "form button{border:0;border-radius:8px;background:#1d4ed8;color:#fff;padding:0 14px;",
    "font-size:14px;cursor:pointer}form button:disabled{opacity:.5}"
  ].join("");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function label(inst) {
    var s = inst.type || "";
    if (inst.number) s += " số " + inst.number;
    if (inst.date) {
      var p = String(inst.date).split("-");
      if (p.length === 3) s += " ngày " + (+p[2]) + "/" + (+p[1]) + "/" + p[0];
    }
    if (inst.issuer) s += " của " + inst.issuer;
    return s;
  }

  var host = el("div");
  host.id = "policybot-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = el("style");
  style.textContent = CSS;
  var launcher = el("button", "launcher", "Hỏi đáp chính sách");
  launcher.type = "button";
  launcher.setAttribute("aria-label", title);
  var panel = el("div", "panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var head = el("div", "head");
  head.appendChild(el("span", "", title));
  var close = el("button", "", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Đóng");
  head.appendChild(close);
  var msgs = el("div", "msgs");
  msgs.setAttribute("aria-live", "polite");
  var form = el("form");
  var input = el("input");
  input.type = "text";
  input.placeholder = "Nhập câu hỏi…";
  input.setAttribute("aria-label", "Câu hỏi");
  input.maxLength = 1000;
  var send = el("button", "", "Gửi");
  send.type = "submit";
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(msgs);
  panel.appendChild(form);
  root.appendChild(style);
  root.appendChild(launcher);
  root.appendChild(panel);

  function toggle(open) {
    panel.classList.toggle("open", open);
    if (open) input.focus();
  }
  launcher.addEventListener("click", function () {
    toggle(!panel.classList.contains("open"));
  });
  close.addEventListener("click", function () {
    toggle(false);
  });

  function say(cls, text) {
    var m = el("div", "msg " + cls, text);
    msgs.appendChild(m);
    msgs.scrollTop = msgs.scrollHeight;
    return m;
  }

  function showAnswer(data) {
    var m = say(data.refused ? "bot refused" : "bot", data.answer || "");
    var cites = data.citations || [];
    var unsure = !cites.length && (data.related || []).length > 0;
    if (unsure) cites = data.related;  // not sure: the closest passages, marked as such
    if (!cites.length) return;
    var box = el("div", "srcs");
    box.appendChild(el("div", "", unsure ? "Đoạn liên quan (chưa chắc chắn):" : "Nguồn:"));
    cites.forEach(function (c) {
      var row = el("div", "src");
      row.appendChild(el("b", "", "[" + c.n + "] "));
      var names = (c.instruments || []).slice(0, 1).map(label);
      row.appendChild(el("span", "", (names.length ? names[0] + " — " : "") + c.document.title));
      if (c.sentence) row.appendChild(el("q", "", c.sentence));
      var link = el("a", "", "Xem toàn văn");
      link.href = api + "/documents/" + encodeURIComponent(c.document.id) +
        "?mark=" + encodeURIComponent((c.sentence || c.passage || "").slice(0, 300));
      link.target = "_blank";
      link.rel = "noopener";
      row.appendChild(link);
      box.appendChild(row);
    });
    m.appendChild(box);
    msgs.scrollTop = msgs.scrollHeight;
  }

  function problem(status, data, retry) {
    if (status === 401) return "Trang này chưa có khóa API hợp lệ để hỏi đáp.";
    if (status === 429) return "Quá nhiều câu hỏi; hãy thử lại sau " + (retry || "ít") + " giây.";
    if (data && data.error) return data.error;
    return "Máy chủ hỏi đáp gặp lỗi (" + status + ").";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question || busy) return;
    busy = true;
    send.disabled = true;
    input.value = "";
    say("user", question);
    var waiting = say("bot", "…");
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    if (key) headers.Authorization = "Bearer " + key;
    fetch(api + "/api/v1/ask", {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ question: question, history: history.slice(-10) })
    })
      .then(function (res) {
        return res.json().catch(function () { return null; }).then(function (data) {
          return { status: res.status, data: data, retry: res.headers.get("Retry-After") };
        });
      })
      .then(function (r) {
        waiting.remove();
        if (r.status === 200 && r.data) {
          showAnswer(r.data);
          history.push({ role: "user", content: question });
        } else {
          say("error", problem(r.status, r.data, r.retry));
        }
      })
      .catch(function () {
        waiting.remove();
        say("error", "Không kết nối được tới máy chủ hỏi đáp (hoặc trang này chưa được phép).");
      })
      .then(function () {
        busy = false;
        send.disabled = false;
      });
  });

  function mount() {
    document.body.appendChild(host);
    if (script.getAttribute("data-open") === "true") toggle(true);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
