// The check-in point on a phone: the camera reads a badge's QR code (the browser's
// BarcodeDetector where there is one, else the bundled jsQR), or the code is typed or pasted,
// or a name chosen from the search. Each check-in is posted for a JSON answer and shown at
// once; the same badge read again within a few seconds is not sent twice. Without script the
// forms post and the page answers.
(function () {
  "use strict";
  var box = document.querySelector("[data-check-in]");
  if (!box) {
    return;
  }
  var url = box.getAttribute("data-url");
  var result = box.querySelector("[data-result]");
  var video = box.querySelector("[data-video]");
  var canvas = box.querySelector("[data-canvas]");
  var camera = box.querySelector("[data-camera]");
  var startButton = box.querySelector("[data-start-camera]");
  var stopButton = box.querySelector("[data-stop-camera]");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var stream = null;
  var detector = null;
  var recent = {};

  function show(ok, text) {
    result.textContent = text;
    result.className = "ev-result " + (ok ? "ev-ok" : "ev-bad");
  }

  function post(form) {
    var data = new FormData(form);
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        show(answer.ok, answer.message + (answer.unit ? " · " + answer.unit : ""));
        if (navigator.vibrate) {
          navigator.vibrate(answer.ok ? 80 : [60, 60, 60]);
        }
      })
      .catch(function () {
        show(false, box.getAttribute("data-offline") || "Network error: try again.");
      });
  }

  function submitCode(code) {
    var now = Date.now();
    if (recent[code] && now - recent[code] < 4000) {
      return;
    }
    recent[code] = now;
    var form = box.querySelector("[data-code-form]");
    form.querySelector("input[name=code]").value = code;
    post(form).then(function () {
      form.querySelector("input[name=code]").value = "";
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-code-form") || form.hasAttribute("data-delegate-form")) {
      event.preventDefault();
      post(form).then(function () {
        var input = form.querySelector("input[name=code]");
        if (input) {
          input.value = "";
          input.focus();
        }
      });
    }
  });

  function scan() {
    if (!stream) {
      return;
    }
    if (video.readyState < 2) {
      requestAnimationFrame(scan);
      return;
    }
    if (detector) {
      detector
        .detect(video)
        .then(function (codes) {
          if (codes.length) {
            submitCode(codes[0].rawValue);
          }
        })
        .catch(function () {})
        .then(function () {
          setTimeout(scan, 200);
        });
      return;
    }
    var width = video.videoWidth;
    var height = video.videoHeight;
    canvas.width = width;
    canvas.height = height;
    var context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(video, 0, 0, width, height);
    var image = context.getImageData(0, 0, width, height);
    var found = window.jsQR ? window.jsQR(image.data, width, height, { inversionAttempts: "dontInvert" }) : null;
    if (found && found.data) {
      submitCode(found.data);
    }
    setTimeout(scan, 200);
  }

  function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      show(false, startButton.getAttribute("data-no-camera") || "No camera here: type the code or search the name.");
      return;
    }
    if ("BarcodeDetector" in window) {
      try {
        detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      } catch (error) {
        detector = null;
      }
    }
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (media) {
        stream = media;
        video.srcObject = media;
        camera.hidden = false;
        startButton.hidden = true;
        stopButton.hidden = false;
        return video.play();
      })
      .then(scan)
      .catch(function () {
        show(false, startButton.getAttribute("data-no-camera") || "No camera here: type the code or search the name.");
      });
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) {
        track.stop();
      });
    }
    stream = null;
    camera.hidden = true;
    startButton.hidden = false;
    stopButton.hidden = true;
  }

  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
})();
