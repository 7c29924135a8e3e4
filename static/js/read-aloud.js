// Read aloud: a button on every element marked data-read-aloud (a module page, a quiz
// question) that reads its text with the browser's speech synthesis, in the element's
// language. Progressive enhancement: without speechSynthesis (or without JavaScript) no
// button is made and nothing else changes. No inline script, so a strict CSP holds.
(function () {
  "use strict";
  if (!window.speechSynthesis || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }
  var synth = window.speechSynthesis;
  var VOICE_PREFIXES = { nb: ["nb", "no", "nn"], en: ["en"], pl: ["pl"] };
  var CHUNK = 200; // long utterances are cut short by some browsers: read in pieces
  var reading = null; // {button, run}: what is being read now

  function languageOf(element) {
    var holder = element.closest("[lang]");
    return holder ? holder.getAttribute("lang").toLowerCase() : "";
  }

  // The element's text in its own language: parts in another language (an interface
  // label inside a question), the button and anything marked data-read-aloud-skip are left out.
  function textOf(container) {
    var lang = languageOf(container);
    var parts = [];
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, null);
    var node;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!parent || parent.closest("[data-read-aloud-skip], .read-aloud, script, style")) {
        continue;
      }
      if (languageOf(parent) !== lang) {
        continue;
      }
      parts.push(node.nodeValue);
    }
    return parts.join(" ").replace(/\s+/g, " ").trim();
  }

  function chunks(text) {
    var sentences = text.match(/[^.!?;:]+[.!?;:]*\s*/g) || [text];
    var out = [];
    var current = "";
    sentences.forEach(function (sentence) {
      if (current && (current + sentence).length > CHUNK) {
        out.push(current.trim());
        current = "";
      }
      current += sentence;
    });
    if (current.trim()) {
      out.push(current.trim());
    }
    return out;
  }

  function voiceFor(lang) {
    var prefixes = VOICE_PREFIXES[lang.split("-")[0]] || [lang];
    var voices = synth.getVoices();
    for (var i = 0; i < prefixes.length; i++) {
      for (var j = 0; j < voices.length; j++) {
        if (voices[j].lang.toLowerCase().indexOf(prefixes[i]) === 0) {
          return voices[j];
        }
      }
    }
    return null;
  }

  function show(button, playing) {
    button.textContent = playing ? button.dataset.stopLabel : button.dataset.startLabel;
    button.classList.toggle("playing", playing);
  }

  function stop() {
    if (reading) {
      var button = reading.button;
      reading = null;
      synth.cancel();
      show(button, false);
    }
  }

  function start(container, button) {
    stop();
    var lang = languageOf(container);
    var voice = voiceFor(lang);
    var run = {};
    reading = { button: button, run: run };
    show(button, true);
    var pieces = chunks(textOf(container));
    pieces.forEach(function (piece, index) {
      var utterance = new window.SpeechSynthesisUtterance(piece);
      utterance.lang = lang;
      if (voice) {
        utterance.voice = voice;
      }
      if (index === pieces.length - 1) {
        utterance.addEventListener("end", function () {
          if (reading && reading.run === run) {
            stop();
          }
        });
      }
      utterance.addEventListener("error", function () {
        if (reading && reading.run === run) {
          stop();
        }
      });
      synth.speak(utterance);
    });
  }

  function addButton(container) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button secondary read-aloud";
    button.lang = document.documentElement.lang;
    button.dataset.startLabel = container.dataset.readAloud;
    button.dataset.stopLabel = container.dataset.readAloudStop;
    show(button, false);
    button.addEventListener("click", function () {
      if (reading && reading.button === button) {
        stop();
      } else {
        start(container, button);
      }
    });
    // After the element's heading or legend (a legend must stay a fieldset's first child).
    var first = container.firstElementChild;
    if (first && /^(H1|H2|H3|LEGEND)$/.test(first.tagName)) {
      first.insertAdjacentElement("afterend", button);
    } else {
      container.insertBefore(button, container.firstChild);
    }
  }

  document.querySelectorAll("[data-read-aloud]").forEach(addButton);
  window.addEventListener("pagehide", stop);
})();
