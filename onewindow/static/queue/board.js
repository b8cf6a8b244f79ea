// The hall's board: Server-Sent Events (no polling). EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays the calls missed meanwhile; a call is shown and spoken
// once (ids only grow). Speech in Chinese where a voice is installed, a chime otherwise.
(function () {
  "use strict";
  var main = document.querySelector(".q-board-main");
  var last = Number(main.dataset.last) || 0;
  var url = main.dataset.stream + "?last=" + last;
  if (Number(main.dataset.port)) {
    url = location.protocol + "//" + location.hostname + ":" + main.dataset.port + url;
  }
  var recent = document.getElementById("recent");
  var link = document.getElementById("link");
  var audio = null;

  function chime() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      [660, 880].forEach(function (f, i) {
        var o = audio.createOscillator(), g = audio.createGain();
        o.frequency.value = f; o.connect(g); g.connect(audio.destination);
        g.gain.setValueAtTime(0.2, audio.currentTime + i * 0.35);
        g.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.3);
        o.start(audio.currentTime + i * 0.35); o.stop(audio.currentTime + i * 0.35 + 0.32);
      });
    } catch (e) { /* no audio device */ }
  }
  function speak(call) {
    var text = main.dataset.sayBefore + " " + call.number.split("").join(" ") + " " +
      main.dataset.sayTo + " " + call.window + " " + main.dataset.sayAfter;
    var synth = window.speechSynthesis;
    var voices = synth ? synth.getVoices().filter(function (v) { return /^zh/i.test(v.lang); }) : [];
    if (!synth || !voices.length) { chime(); return; }
    var u = new SpeechSynthesisUtterance(text);
    u.lang = "zh-CN"; u.voice = voices[0]; u.rate = 0.9;
    synth.speak(u);
  }
  function show(call) {
    document.getElementById("now-no").textContent = call.number;
    document.getElementById("now-win").textContent = call.window;
    var li = document.createElement("li");
    var b = document.createElement("b"); b.textContent = call.number;
    var small = document.createElement("small"); small.textContent = call.at;
    li.appendChild(b); li.appendChild(document.createTextNode(" → " + call.window + " "));
    li.appendChild(small);
    recent.insertBefore(li, recent.firstChild);
    while (recent.children.length > 8) { recent.removeChild(recent.lastChild); }
    main.classList.remove("q-flash"); void main.offsetWidth; main.classList.add("q-flash");
  }
  function counts(rows) {
    var ul = document.getElementById("counts");
    ul.textContent = "";
    rows.forEach(function (r) {
      var li = document.createElement("li"), b = document.createElement("b"), s = document.createElement("span");
      b.textContent = r.letter; s.textContent = r.waiting;
      li.appendChild(b); li.appendChild(document.createTextNode(" " + r.name + " ")); li.appendChild(s);
      ul.appendChild(li);
    });
  }
  var source = new EventSource(url);
  source.addEventListener("open", function () { link.classList.add("q-on"); });
  source.addEventListener("error", function () { link.classList.remove("q-on"); });
  source.addEventListener("call", function (e) {
    var call = JSON.parse(e.data);
    if (call.id <= last) { return; }
    last = call.id;
    show(call); speak(call);
  });
  source.addEventListener("counts", function (e) { counts(JSON.parse(e.data)); });
  function tick() { document.getElementById("clock").textContent = new Date().toLocaleTimeString("zh-CN"); }
  tick(); setInterval(tick, 1000);
})();
