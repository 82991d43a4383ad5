/*! Conversa web chat widget. Embed:
 *  <script src="https://chat.example.com/widget.js" data-tenant-id="benova" data-public-key="pk_..."
 *          data-title="Benova" data-color="#2563eb" data-lang="es" async></script>
 * Talks only to the server the script came from (POST /api/widget/messages with the public key, and GET of the same
 * path for the replies a person from the team writes); the page's own CSS cannot reach it (shadow DOM) and it adds no
 * globals besides window.ConversaWidget. */
(function () {
  "use strict";
  if (window.ConversaWidget) { return; }

  var script = document.currentScript ||
    document.querySelector("script[data-public-key][src*='widget.js']");
  if (!script) { return; }
  var data = script.dataset;
  var key = (data.publicKey || "").trim();
  var tenant = (data.tenantId || "").trim();
  var api = new URL(script.src, location.href).origin;

  var TEXT = {
    es: { open: "Abrir el chat", close: "Cerrar el chat", send: "Enviar", input: "Escribe tu mensaje", title: "Chat",
      hello: "¡Hola! ¿En qué te puedo ayudar?", typing: "Escribiendo…", you: "Tú",
      failed: "Lo sentimos, no pudimos conectar con el asistente. Inténtalo de nuevo en un momento.",
      refused: "Lo sentimos, el chat no está disponible en este sitio.",
      slow: "Estás enviando mensajes muy rápido. Espera {s} segundos, por favor.",
      invalid: "No pudimos enviar ese mensaje. Revísalo e inténtalo de nuevo.",
      human: "Una persona del equipo continuará la conversación." },
    en: { open: "Open chat", close: "Close chat", send: "Send", input: "Type your message", title: "Chat",
      hello: "Hi! How can I help you?", typing: "Typing…", you: "You",
      failed: "Sorry, we couldn't reach the assistant. Please try again in a moment.",
      refused: "Sorry, the chat is not available on this site.",
      slow: "You're sending messages too quickly. Please wait {s} seconds.",
      invalid: "We couldn't send that message. Please check it and try again.",
      human: "Someone from the team will continue the conversation." },
    pt: { open: "Abrir o chat", close: "Fechar o chat", send: "Enviar", input: "Escreva sua mensagem", title: "Chat",
      hello: "Olá! Como posso ajudar?", typing: "Digitando…", you: "Você",
      failed: "Desculpe, não conseguimos falar com o assistente. Tente novamente em um momento.",
      refused: "Desculpe, o chat não está disponível neste site.",
      slow: "Você está enviando mensagens rápido demais. Aguarde {s} segundos, por favor.",
      invalid: "Não conseguimos enviar essa mensagem. Verifique e tente novamente.",
      human: "Uma pessoa da equipe continuará a conversa." }
  };
  function pickLang(value) {
    var code = (value || "").toLowerCase().slice(0, 2);
    return TEXT[code] ? code : null;
  }
  var lang = pickLang(data.lang) || pickLang(document.documentElement.lang) || pickLang(navigator.language) || "es";
  var t = TEXT[lang];

  // Storage can be missing or throw (private modes, sandboxed frames): the widget still works for this page view.
  var memory = {};
  function load(store, name) {
    try { return window[store].getItem(name); } catch (e) { return memory[store + name] || null; }
  }
  function save(store, name, value) {
    try { window[store].setItem(name, value); } catch (e) { memory[store + name] = value; }
  }
  function newVisitorId() {
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "v" + Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }
  var visitorKey = "conversa:visitor:" + (tenant || key.slice(0, 12));
  var visitorId = load("localStorage", visitorKey);
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(visitorId || "")) {
    visitorId = newVisitorId();
    save("localStorage", visitorKey, visitorId);
  }
  var historyKey = "conversa:history:" + visitorId;
  var feedKey = "conversa:feed:" + visitorId;

  var color = /^#[0-9a-fA-F]{3,8}$/.test(data.color || "") ? data.color : null;
  var css =
    ":host{all:initial}" +
    "*{box-sizing:border-box;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}" +
    ".bubble{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;" +
    "background:var(--c);color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.25);display:flex;align-items:center;justify-content:center;z-index:2147483000}" +
    ".bubble:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #111;outline-offset:2px}" +
    ".panel{position:fixed;right:20px;bottom:88px;width:min(360px,calc(100vw - 40px));height:min(520px,calc(100vh - 120px));" +
    "background:#fff;color:#111;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:flex;flex-direction:column;overflow:hidden;z-index:2147483000;font-size:14px}" +
    ".panel[hidden]{display:none}" +
    ".head{background:var(--c);color:#fff;padding:12px 14px;display:flex;align-items:center;justify-content:space-between}" +
    ".head h2{margin:0;font-size:16px;font-weight:600}" +
    ".head button{background:transparent;border:0;color:#fff;font-size:22px;line-height:1;cursor:pointer;padding:2px 6px}" +
    ".log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f6f7f9}" +
    ".msg{max-width:85%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word;line-height:1.4}" +
    ".bot{align-self:flex-start;background:#fff;border:1px solid #e3e5e8}" +
    ".agent{border-left:3px solid var(--c)}" +
    ".me{align-self:flex-end;background:var(--c);color:#fff}" +
    ".note{align-self:center;background:#fff4e5;color:#7a4a00;border:1px solid #f3d19c;font-size:13px;text-align:center}" +
    ".msg a{color:inherit}" +
    ".typing span{display:inline-block;width:6px;height:6px;margin:0 2px;border-radius:50%;background:#888;animation:b 1s infinite}" +
    ".typing span:nth-child(2){animation-delay:.15s}.typing span:nth-child(3){animation-delay:.3s}" +
    "@keyframes b{0%,80%,100%{opacity:.3}40%{opacity:1}}" +
    "form{display:flex;gap:8px;padding:10px;border-top:1px solid #e3e5e8;background:#fff}" +
    "input{flex:1;min-width:0;padding:9px 10px;border:1px solid #c9cdd2;border-radius:8px;font-size:14px;color:#111;background:#fff}" +
    "form button{padding:0 14px;border:0;border-radius:8px;background:var(--c);color:#fff;font-size:14px;cursor:pointer}" +
    "form button:disabled{opacity:.6;cursor:default}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

  var host = document.createElement("div");
  host.setAttribute("data-conversa-widget", "");
  var root = host.attachShadow({ mode: "open" });
  root.innerHTML =
    "<style>" + css + "</style>" +
    "<button class='bubble' type='button' aria-expanded='false' aria-controls='conversa-panel'>" +
    "<svg width='26' height='26' viewBox='0 0 24 24' aria-hidden='true' fill='currentColor'>" +
    "<path d='M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z'/></svg></button>" +
    "<section class='panel' id='conversa-panel' role='dialog' aria-modal='false' hidden>" +
    "<div class='head'><h2></h2><button class='close' type='button'>&times;</button></div>" +
    "<div class='log' role='log' aria-live='polite' aria-relevant='additions'></div>" +
    "<form><label class='sr' for='conversa-input'></label>" +
    "<input id='conversa-input' name='message' autocomplete='off' maxlength='2000'>" +
    "<button type='submit'></button></form></section>";

  var bubble = root.querySelector(".bubble");
  var panel = root.querySelector(".panel");
  var heading = root.querySelector("h2");
  var closeButton = root.querySelector(".close");
  var log = root.querySelector(".log");
  var form = root.querySelector("form");
  var input = root.querySelector("input");
  var sendButton = root.querySelector("form button");
  bubble.setAttribute("aria-label", t.open);
  closeButton.setAttribute("aria-label", t.close);
  root.querySelector("label").textContent = t.input;
  input.placeholder = t.input;
  sendButton.textContent = t.send;

  function applyLook(title, accent) {
    heading.textContent = title;
    panel.setAttribute("aria-label", title);
    host.style.setProperty("--c", accent);
  }
  applyLook(data.title || t.title, color || "#2563eb");

  // Text only (never HTML from the server), with web addresses made into links.
  function fill(element, text) {
    var parts = String(text).split(/(https?:\/\/[^\s<>"']+)/g);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 1) {
        var link = document.createElement("a");
        link.href = parts[i];
        link.textContent = parts[i];
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        element.appendChild(link);
      } else if (parts[i]) {
        element.appendChild(document.createTextNode(parts[i]));
      }
    }
  }
  // History entries are [kind, text, message id?]; the ids tell which replies the visitor has already seen.
  var history = [];
  try { history = JSON.parse(load("sessionStorage", historyKey) || "[]"); } catch (e) { history = []; }
  // feed: {id: conversation id, cursor: last reply id read from GET /api/widget/messages, human: a person has it}.
  var feed = {};
  try { feed = JSON.parse(load("sessionStorage", feedKey) || "{}") || {}; } catch (e) { feed = {}; }
  function keepFeed() { save("sessionStorage", feedKey, JSON.stringify(feed)); }
  var seen = {};
  function show(kind, text, remember, id) {
    var line = document.createElement("div");
    line.className = "msg " + kind;
    if (kind === "me") {
      var who = document.createElement("span");
      who.className = "sr";
      who.textContent = t.you + ": ";
      line.appendChild(who);
    }
    fill(line, text);
    log.appendChild(line);
    log.scrollTop = log.scrollHeight;
    if (id) { seen[id] = true; }
    if (remember) {
      history.push(id ? [kind, text, id] : [kind, text]);
      history = history.slice(-40);
      save("sessionStorage", historyKey, JSON.stringify(history));
    }
    return line;
  }
  for (var h = 0; h < history.length; h++) { show(history[h][0], history[h][1], false, history[h][2]); }

  function headers() {
    var value = { "Content-Type": "application/json", "X-API-Key": key };
    if (tenant) { value["X-Tenant-ID"] = tenant; }
    return value;
  }

  var configured = false;
  function configure() {
    if (configured) { return; }
    configured = true;
    fetch(api + "/api/widget/config", { headers: headers(), credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (config) {
        if (config) {
          applyLook(data.title || config.assistant_name || config.name || t.title, color || config.primary_color || "#2563eb");
        }
        if (!history.length) { show("bot", (config && config.greeting_message) || t.hello, false); }
      })
      .catch(function () {
        if (!history.length) { show("bot", t.hello, false); }
      });
  }

  // A person's replies are not answers to a request, so the widget asks for them: while the panel is open and a person
  // has the conversation every few seconds (slower while nothing comes), else now and then in case one takes it over.
  var FAST = 3000, HUMAN_MAX = 15000, BOT_EVERY = 60000;
  var timer = null, delay = FAST, polling = false;
  function schedule(ms) {
    clearTimeout(timer);
    timer = panel.hidden || !feed.id ? null : setTimeout(poll, ms);
  }
  function poll() {
    if (polling) { return; }
    polling = true;
    var query = "?visitor_id=" + encodeURIComponent(visitorId) + (feed.cursor ? "&after=" + encodeURIComponent(feed.cursor) : "");
    fetch(api + "/api/widget/messages" + query, { headers: headers(), credentials: "omit" })
      .then(function (response) {
        if (response.ok) { return response.json(); }
        // The conversation the cursor was in is gone: read the current one afresh (replies seen are skipped).
        if (response.status === 400 && feed.cursor) { feed.cursor = null; return { again: true }; }
        if (response.status === 401 || response.status === 403) { return { stop: true }; }
        var wait = parseInt(response.headers.get("Retry-After") || "", 10);
        return { wait: isNaN(wait) ? 30000 : wait * 1000 };
      })
      .catch(function () { return { wait: 30000 }; })
      .then(function (answer) {
        polling = false;
        if (answer.stop) { return; }
        if (answer.items) {
          var fresh = 0;
          for (var i = 0; i < answer.items.length; i++) {
            var m = answer.items[i];
            if (!seen[m.id]) { show(m.from_human ? "bot agent" : "bot", m.content, true, m.id); fresh++; }
          }
          feed.cursor = answer.next_cursor || feed.cursor;
          feed.human = answer.handoff;
          delay = fresh ? FAST : Math.min(delay * 1.5, HUMAN_MAX);
        }
        keepFeed();
        schedule(answer.again ? 0 : answer.wait || (feed.human ? delay : BOT_EVERY));
      });
  }

  function setOpen(open) {
    panel.hidden = !open;
    bubble.setAttribute("aria-expanded", String(open));
    bubble.setAttribute("aria-label", open ? t.close : t.open);
    if (open) {
      configure();
      input.focus();
      delay = FAST;
      schedule(0);
    } else {
      schedule(0);
      bubble.focus();
    }
  }
  bubble.addEventListener("click", function () { setOpen(panel.hidden); });
  closeButton.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { setOpen(false); } });

  var busy = false;
  function problemText(response) {
    if (response.status === 403 || response.status === 401) { return t.refused; }
    if (response.status === 429) {
      var wait = parseInt(response.headers.get("Retry-After") || "5", 10);
      return t.slow.replace("{s}", String(isNaN(wait) ? 5 : wait));
    }
    if (response.status === 400 || response.status === 413 || response.status === 422) { return t.invalid; }
    return t.failed;
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) { return; }
    busy = true;
    sendButton.disabled = true;
    input.value = "";
    show("me", text, true);
    var typing = show("bot typing", "", false);
    typing.setAttribute("aria-label", t.typing);
    typing.innerHTML = "<span></span><span></span><span></span>";
    fetch(api + "/api/widget/messages", {
      method: "POST", headers: headers(), credentials: "omit",
      body: JSON.stringify({ visitor_id: visitorId, message: text })
    })
      .then(function (response) {
        if (!response.ok) { return { note: problemText(response) }; }
        return response.json();
      })
      .catch(function () { return { note: t.failed }; })
      .then(function (answer) {
        typing.remove();
        if (answer.note) {
          show("note", answer.note, false);
        } else {
          var wasHuman = feed.human;
          // The first reply of a conversation is where reading it starts; later ones come again from the feed and are skipped.
          if (!feed.cursor || feed.id !== answer.conversation_id) { feed.cursor = answer.message_id || null; }
          feed.id = answer.conversation_id;
          feed.human = !!answer.handoff;
          keepFeed();
          if (answer.reply) {
            // A poll running meanwhile may have shown this reply already.
            if (!seen[answer.message_id]) { show("bot", answer.reply, true, answer.message_id); }
          } else if (answer.handoff && !wasHuman) {
            show("note", t.human, false);
          }
          if (feed.human || wasHuman) { delay = FAST; schedule(FAST); }
        }
        busy = false;
        sendButton.disabled = false;
        input.focus();
      });
  });

  function attach() { document.body.appendChild(host); }
  if (document.body) { attach(); } else { document.addEventListener("DOMContentLoaded", attach); }
  window.ConversaWidget = { open: function () { setOpen(true); }, close: function () { setOpen(false); } };
})();
