/*
 * IVIG infusion helper: the chat widget a clinic embeds in its own page.
 *
 *   <div id="ivig-chat"></div>
 *   <script src="https://CLINIC-WEB-SERVER/widget.js" data-rasa-url="https://RASA-SERVER" defer></script>
 *
 * It asks the web server it came from for a patient session (a conversation id and a
 * signed, expiring token for it: POST api/widget/session, with its previous token to
 * resume), talks to Rasa's socket.io channel with that token (session_persistence on),
 * keeps the session and the visible transcript in localStorage so a reload keeps the
 * conversation, and asks the web server for the triage level with the token (never
 * Rasa's token-protected API).
 * A nurse can take over the chat (the live handoff, web/routes_handoff.py): her messages
 * arrive as bot_uttered with a `handoff` signature (name and role) and are shown as hers;
 * a `staff_notice` says a nurse has seen the message; the status API says the same for a
 * page that was closed at the time.
 * Message text is only ever set with textContent: what a patient or the bot writes is
 * shown as text, never run as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) {
    return; // must be loaded as a classic <script src>, not a module
  }
  var base = new URL(".", new URL(script.src, document.baseURI)).href;
  var data = script.dataset;
  var config = {
    rasaUrl: (data.rasaUrl || "http://localhost:5005").replace(/\/+$/, ""),
    socketPath: data.socketPath || "/socket.io",
    statusUrl: data.statusUrl || base + "api/widget/status/",
    sessionUrl: data.sessionUrl || base + "api/widget/session",
    container: data.container || "#ivig-chat",
    title: data.title || "IVIG infusion helper",
  };

  var STORAGE_KEY = "ivig-chat:" + config.rasaUrl;
  var KEEP_MS = 12 * 60 * 60 * 1000; // a transcript idle this long is forgotten
  var QUIET_MS = 600; // no bot message for this long: the reply is complete
  var NO_REPLY_MS = 20000;
  var MAX_MESSAGES = 300;
  var MAX_LENGTH = 1000;

  // ------------------------------------------------------------------ state

  function freshState() {
    return { v: 1, sessionId: null, token: null, messages: [], quickReplies: [], sent: 0,
             emergency: false, urgent: false, acknowledged: false, handoff: false,
             updated: Date.now() };
  }

  var storage = (function () {
    try {
      var probe = "ivig-chat:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null; // storage blocked: the chat works, but a reload starts over
    }
  })();

  function loadState() {
    if (!storage) return freshState();
    try {
      var saved = JSON.parse(storage.getItem(STORAGE_KEY) || "null");
      if (saved && saved.v === 1 && Date.now() - saved.updated < KEEP_MS) {
        return saved;
      }
    } catch (error) { /* unreadable: start over */ }
    return freshState();
  }

  function saveState() {
    state.updated = Date.now();
    if (state.messages.length > MAX_MESSAGES) {
      state.messages = state.messages.slice(-MAX_MESSAGES);
    }
    if (storage) {
      try { storage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (error) { /* full */ }
    }
  }

  var state = loadState();

  // ------------------------------------------------------------------ DOM

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var host = document.querySelector(config.container);
  if (!host) {
    host = el("div", { id: "ivig-chat" });
    document.body.appendChild(host);
  }
  if (host.shadowRoot) return; // already set up (script included twice)
  var shadow = host.attachShadow({ mode: "open" });
  shadow.appendChild(el("link", { rel: "stylesheet", href: base + "widget.css" }));

  var root = el("section", { class: "ivig", "aria-labelledby": "ivig-title" });

  var header = el("header", { class: "ivig-header" });
  var titles = el("div");
  titles.appendChild(el("h2", { id: "ivig-title", class: "ivig-title" }, config.title));
  var subtitle = el("p", { class: "ivig-subtitle" }, "Automated assistant, not a person");
  titles.appendChild(subtitle);
  var restartButton = el("button", { type: "button", class: "ivig-restart" }, "Start over");
  header.append(titles, restartButton);

  var notice = el("p", { class: "ivig-notice" });
  notice.append(el("strong", {}, "Not for emergencies. "),
                document.createTextNode("If you are very unwell, call "),
                el("a", { href: "tel:911" }, "911"),
                document.createTextNode(" now."));

  // Always in the DOM, filled when needed, so screen readers announce the change.
  var emergencyBanner = el("div", { class: "ivig-emergency", role: "alert" });
  var urgentNotice = el("div", { class: "ivig-urgent", role: "status" });
  var ackNotice = el("div", { class: "ivig-ack", role: "status" });

  var log = el("div", { class: "ivig-log", role: "log", "aria-label": "Conversation",
                        tabindex: "0" });
  var hint = el("p", { class: "ivig-hint" },
                "Ask a question, like \u201cCan I eat before my infusion?\u201d, or tell me how you are feeling.");

  var typing = el("div", { class: "ivig-typing", hidden: "" });
  typing.append(el("span", { class: "ivig-dots", "aria-hidden": "true" }),
                el("span", {}, "The assistant is typing\u2026"));

  var connection = el("p", { class: "ivig-connection", role: "status" });
  var quick = el("div", { class: "ivig-quick", role: "group", "aria-label": "Reply options",
                          hidden: "" });

  var form = el("form", { class: "ivig-form" });
  var label = el("label", { for: "ivig-input", class: "ivig-label" }, "Type your message");
  var row = el("div", { class: "ivig-row" });
  var input = el("input", { id: "ivig-input", type: "text", autocomplete: "off",
                            maxlength: String(MAX_LENGTH), enterkeyhint: "send" });
  var sendButton = el("button", { type: "submit", class: "ivig-send" }, "Send");
  row.append(input, sendButton);
  form.append(label, row);

  root.append(header, notice, emergencyBanner, urgentNotice, ackNotice, log, typing, connection, quick, form);

  // ------------------------------------------------------------------ rendering

  var SPEAKERS = { user: "You said: ", bot: "Assistant: ", note: "Note: " };

  function staffLabel(who) {
    who = who || {};
    var name = typeof who.name === "string" ? who.name : "";
    var role = typeof who.role === "string" && who.role ? who.role : "Nurse";
    return name ? name + ", " + role : role;
  }

  function appendMessage(message) {
    if (hint.parentNode) hint.remove();
    var item = el("div", { class: "ivig-msg ivig-msg--" + message.from });
    if (message.from === "staff") {
      // A person from the care team, not the assistant: said so, visibly.
      item.appendChild(el("span", { class: "ivig-staff-name" },
                          message.who === "Care team" ? "Your care team" : message.who + " (your care team)"));
    } else {
      item.appendChild(el("span", { class: "ivig-visually-hidden" }, SPEAKERS[message.from] || ""));
    }
    item.appendChild(el("p", { class: "ivig-text" }, message.text));
    log.appendChild(item);
    scrollToEnd();
  }

  // After the layout settles: reply options or the typing line may have taken room.
  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
    window.requestAnimationFrame(function () { log.scrollTop = log.scrollHeight; });
  }

  function renderQuickReplies() {
    quick.replaceChildren();
    state.quickReplies.forEach(function (reply) {
      var button = el("button", { type: "button", class: "ivig-quick-reply" }, reply.title);
      button.addEventListener("click", function () {
        send(reply.payload, reply.title);
        input.focus();
      });
      quick.appendChild(button);
    });
    quick.hidden = state.quickReplies.length === 0;
    scrollToEnd();
  }

  function renderBanners() {
    if (state.emergency && !emergencyBanner.firstChild) {
      emergencyBanner.append(
        el("p", { class: "ivig-emergency-title" }, "Call 911 now"),
        el("p", {}, "This could be an emergency. Don't wait for the clinic or this chat."),
        el("a", { class: "ivig-call", href: "tel:911" }, "Call 911"));
    }
    if (!state.emergency) emergencyBanner.replaceChildren();
    var showUrgent = state.urgent && !state.emergency;
    if (showUrgent && !urgentNotice.firstChild) {
      urgentNotice.append(
        el("strong", {}, "Your care team has been told. "),
        document.createTextNode("Someone will call you back soon. If things get worse, call "),
        el("a", { href: "tel:911" }, "911"),
        document.createTextNode("."));
    }
    if (!showUrgent) urgentNotice.replaceChildren();
    if (state.acknowledged && !ackNotice.firstChild) {
      ackNotice.append(el("strong", {}, "A nurse has seen your message. "),
                       document.createTextNode(state.handoff
                         ? "They are in this chat now."
                         : "Please keep your phone close. If things get worse, call 911."));
    }
    if (!state.acknowledged) ackNotice.replaceChildren();
    subtitle.textContent = state.handoff ? "A nurse from your care team is in this chat"
                                         : "Automated assistant, not a person";
    scrollToEnd(); // a banner takes room from the conversation
  }

  function renderAll() {
    log.replaceChildren(hint);
    state.messages.forEach(appendMessage);
    renderQuickReplies();
    renderBanners();
  }

  function addMessage(message) {
    state.messages.push(message);
    saveState();
    appendMessage(message);
  }

  // Fill the log before it goes live, so a restored transcript is not read out again.
  renderAll();
  host.dataset.ivigReady = "true";
  shadow.appendChild(root);
  log.setAttribute("aria-live", "polite");

  // ------------------------------------------------------------------ triage level

  var statusRetries = 0;

  function applyLevel(level) {
    if (level === "emergency") state.emergency = true;
    if (level === "urgent") state.urgent = true;
    saveState();
    renderBanners();
  }

  // Shown once, whether it came live or with the status: the time Rasa stored it says
  // which message it is.
  function showStaffMessage(text, who, at) {
    var label = staffLabel(who);
    var shown = state.messages.some(function (m) {
      return m.from === "staff" && (at && m.at ? m.at === at : m.text === text && m.who === label);
    });
    if (!shown) addMessage({ from: "staff", text: text, who: label, at: at || null });
  }

  // What the status says of the care team: a nurse has seen the escalation, a nurse has
  // the chat, and nurses' messages this page has not shown (it was closed).
  function applyStaffStatus(status) {
    var changed = false;
    var acknowledged = status.acknowledged === true; // the latest escalation's
    if (acknowledged !== state.acknowledged) {
      state.acknowledged = acknowledged;
      changed = true;
    }
    var handoff = status.handoff === true;
    if (handoff !== state.handoff) {
      state.handoff = handoff;
      ackNotice.replaceChildren();
      changed = true;
    }
    (Array.isArray(status.staff_messages) ? status.staff_messages : []).forEach(function (m) {
      if (m && typeof m.text === "string") showStaffMessage(m.text, m, m.timestamp);
    });
    if (changed) {
      saveState();
      renderBanners();
    }
  }

  function checkStatus() {
    if (!state.sessionId || !state.token || !window.fetch) return;
    var url = config.statusUrl + encodeURIComponent(state.sessionId) + "?min_turns=" + state.sent;
    fetch(url, { credentials: "omit", cache: "no-store",
                 headers: { Authorization: "Bearer " + state.token } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (!status) return;
        applyStaffStatus(status);
        applyLevel(status.level);
        if (!status.settled && statusRetries < 3) {
          statusRetries += 1;
          window.setTimeout(checkStatus, 1500);
        }
      })
      .catch(function () { /* the chat still works; the bot's own text says 911 */ });
  }

  // While the care team may be acting on this conversation (an escalation or a nurse in
  // the chat), ask now and then: with several Rasa workers, a nurse's message or the
  // acknowledgement is pushed only from the worker that holds this page's socket, and the
  // status API has everything the others sent (cached on the server, so this is cheap).
  var FOLLOW_UP_MS = 10000;
  window.setInterval(function () {
    var followed = state.emergency || state.urgent || state.handoff;
    if (followed && (!document.visibilityState || document.visibilityState === "visible")) {
      checkStatus();
    }
  }, FOLLOW_UP_MS);

  // ------------------------------------------------------------------ typing and timers

  var quietTimer = null;
  var noReplyTimer = null;

  function setTyping(on) {
    typing.hidden = !on;
    scrollToEnd();
  }

  function waitForReply() {
    setTyping(true);
    window.clearTimeout(noReplyTimer);
    noReplyTimer = window.setTimeout(function () {
      setTyping(false);
      addMessage({ from: "note", text: "No reply yet. If you need help now, call the clinic. In an emergency, call 911." });
    }, NO_REPLY_MS);
  }

  function replyArrived() {
    window.clearTimeout(noReplyTimer);
    setTyping(false);
    window.clearTimeout(quietTimer);
    quietTimer = window.setTimeout(function () {
      statusRetries = 0;
      checkStatus();
    }, QUIET_MS);
  }

  // ------------------------------------------------------------------ socket.io

  var socket = null;
  var ready = false; // session confirmed on the current connection
  var outbox = [];

  function setConnection(text) {
    connection.textContent = text;
  }

  function emitMessage(payload) {
    socket.emit("user_uttered", { message: payload, session_id: state.sessionId,
                                  token: state.token });
  }

  // A patient session from the web server: the same conversation while the saved token
  // is valid, else a new one (then the old transcript is dropped: it is another chat).
  var sessionTimer = null;

  function withSession(callback) {
    window.clearTimeout(sessionTimer);
    if (!window.fetch) {
      setConnection("The chat cannot start in this browser. Please call the clinic. In an emergency, call 911.");
      return;
    }
    fetch(config.sessionUrl, {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(state.token ? { token: state.token } : {}),
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (session) {
        if (!session || typeof session.session_id !== "string" || typeof session.token !== "string") {
          throw new Error("no session");
        }
        if (session.session_id !== state.sessionId && state.sessionId) {
          state = freshState();
          outbox = [];
          renderAll();
        }
        state.sessionId = session.session_id;
        state.token = session.token;
        saveState();
        callback();
      })
      .catch(function () {
        setConnection("Can't reach the assistant right now. Trying again\u2026 If you need help now, call the clinic.");
        sessionTimer = window.setTimeout(function () { withSession(callback); }, 5000);
      });
  }

  function requestSession() {
    withSession(function () {
      if (socket && socket.connected) {
        socket.emit("session_request", { session_id: state.sessionId, token: state.token });
      }
    });
  }

  function send(payload, shown) {
    if (!payload) return;
    state.quickReplies = [];
    renderQuickReplies();
    state.sent += 1;
    addMessage({ from: "user", text: shown });
    if (state.handoff) {
      // A nurse answers in her own time: no "typing" and no "no reply yet" note; the
      // status is checked once the assistant has had time to answer an emergency.
      window.clearTimeout(quietTimer);
      quietTimer = window.setTimeout(function () { statusRetries = 0; checkStatus(); }, 2000);
    } else {
      waitForReply();
    }
    if (socket && ready) {
      emitMessage(payload);
    } else {
      outbox.push(payload); // sent once the session is confirmed
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim().slice(0, MAX_LENGTH);
    if (!text) return;
    input.value = "";
    // A leading "/" would make Rasa read the text as an intent; patients type words.
    send(text.replace(/^\/+/, "").trim() || text, text);
  });

  function onBotMessage(message) {
    if (!message) return;
    if (message.handoff && message.handoff.kind === "staff" && typeof message.text === "string") {
      window.clearTimeout(noReplyTimer);
      setTyping(false);
      if (!state.handoff) {
        state.handoff = true;
        ackNotice.replaceChildren();
        saveState();
        renderBanners();
      }
      showStaffMessage(message.text.trim(), message.handoff, message.timestamp);
      return;
    }
    if (message.handoff && message.handoff.kind === "handback" && state.handoff) {
      state.handoff = false; // the assistant is back (its message follows as usual)
      ackNotice.replaceChildren();
      saveState();
      renderBanners();
    }
    replyArrived();
    var text = typeof message.text === "string" ? message.text.trim() : "";
    var replies = (message.quick_replies || message.buttons || []).filter(function (reply) {
      return reply && typeof reply.title === "string" && typeof reply.payload === "string";
    }).map(function (reply) { return { title: reply.title, payload: reply.payload }; });
    if (text) addMessage({ from: "bot", text: text });
    if (replies.length) {
      state.quickReplies = replies;
      saveState();
      renderQuickReplies();
    }
  }

  function connect() {
    socket = window.io(config.rasaUrl, { path: config.socketPath, transports: ["websocket", "polling"], tryAllTransports: true });
    setConnection("Connecting to the assistant\u2026");
    socket.on("connect", function () {
      ready = false;
      requestSession();
    });
    // The token was refused (expired, or the secret changed): a new session, once.
    var refusals = 0;
    socket.on("session_refused", function () {
      ready = false;
      refusals += 1;
      if (refusals > 2) {
        setConnection("The chat could not start. Please reload the page, or call the clinic. In an emergency, call 911.");
        return;
      }
      state.token = null;
      requestSession();
    });
    socket.on("message_refused", function (refused) {
      if (refused && typeof refused.text === "string") {
        window.clearTimeout(noReplyTimer);
        setTyping(false);
        addMessage({ from: "note", text: refused.text });
      }
      if (refused && refused.error === "session_invalid") {
        ready = false;
        requestSession();
      }
    });
    socket.on("session_confirm", function (confirmed) {
      var sessionId = typeof confirmed === "string" ? confirmed : confirmed && confirmed.session_id;
      if (!sessionId) return;
      state.sessionId = sessionId;
      saveState();
      ready = true;
      refusals = 0;
      setConnection("");
      outbox.splice(0).forEach(emitMessage);
      if (state.sent > 0) checkStatus();
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("staff_notice", function (notice) {
      if (notice && notice.kind === "acknowledged") {
        state.acknowledged = true;
        saveState();
        renderBanners();
      }
    });
    socket.on("disconnect", function () {
      ready = false;
      setConnection("Connection lost. Reconnecting\u2026");
    });
    socket.on("connect_error", function () {
      ready = false;
      setConnection("Can't reach the assistant right now. Trying again\u2026 If you need help now, call the clinic.");
    });
  }

  restartButton.addEventListener("click", function () {
    state = freshState();
    saveState();
    outbox = [];
    window.clearTimeout(noReplyTimer);
    setTyping(false);
    renderAll();
    if (socket) {
      ready = false;
      socket.disconnect();
      socket.connect(); // a new session_request without an id: a new conversation
    }
    input.focus();
  });

  function loadSocketIo(callback) {
    if (typeof window.io === "function") return callback();
    var loader = el("script", { src: base + "vendor/socket.io.min.js" });
    loader.addEventListener("load", callback);
    loader.addEventListener("error", function () {
      setConnection("The chat could not load. Please call the clinic. In an emergency, call 911.");
    });
    document.head.appendChild(loader);
  }

  loadSocketIo(connect);
})();
