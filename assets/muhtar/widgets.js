// Small client-side parts of the muhtar pages (mbs/ui/muhtar/widgets.py wraps them).
// They work without the server: on a weak mobile signal a ticking clock, a character
// counter or a file check must not wait for a round trip.
import { createElement as h, useContext, useEffect, useState } from "react";
import { UploadFilesContext } from "$/utils/context";

const pad = (n) => String(n).padStart(2, "0");
const number = (n) => n.toLocaleString("tr-TR");

// The onay kodu's countdown and the "Yeni kod iste" button. Counts on the phone's
// own clock from the seconds the server sent, so a phone whose clock is wrong still
// counts right. `serial` changes with every new code.
export function CodeTimer({ serial, expiresIn, resendIn, onResend }) {
  const [start, setStart] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const at = Date.now();
    setStart(at);
    setNow(at);
  }, [serial]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const elapsed = Math.floor((now - start) / 1000);
  const left = Math.max(0, expiresIn - elapsed);
  const wait = Math.max(0, resendIn - elapsed);
  return h(
    "div",
    { className: "m-code-timer" },
    left > 0
      ? h("p", { role: "timer", className: "m-timer" },
          "Kodun kalan süresi: ",
          h("strong", null, `${Math.floor(left / 60)}:${pad(left % 60)}`))
      : h("p", { role: "alert", className: "m-timer m-timer-over" },
          "Kodun süresi doldu. Yeni kod isteyin."),
    h("button", {
      type: "button",
      className: "m-button m-button-secondary",
      disabled: wait > 0,
      onClick: () => onResend && onResend(),
    }, wait > 0 ? `Yeni kod iste (${wait} sn sonra)` : "Yeni kod iste"),
  );
}

// The Açıklama box with a live character counter. Uncontrolled, so typing never
// waits for the server; the form sends the text when Gönder is pressed.
export function CountedTextarea({ id, name, defaultValue, minLength, maxLength, counterId, ...rest }) {
  const [count, setCount] = useState((defaultValue ?? "").trim().length);
  useEffect(() => setCount((defaultValue ?? "").trim().length), [defaultValue]);
  let note = `${number(count)} / ${number(maxLength)} karakter`;
  let className = "m-counter";
  if (count < minLength) {
    note += ` (en az ${minLength}; ${minLength - count} karakter daha yazın)`;
  } else if (count > maxLength) {
    note += ` (${number(count - maxLength)} karakter fazla; kısaltın)`;
    className = "m-counter m-counter-over";
  }
  return h(
    "div",
    null,
    h("textarea", {
      id,
      name,
      defaultValue,
      onInput: (event) => setCount(event.target.value.trim().length),
      ...rest,
    }),
    h("p", { id: counterId, className, "aria-live": "polite" }, note),
  );
}

const ACCEPTED = ["image/jpeg", "image/png", "image/webp", "application/pdf"];
const size = (bytes) =>
  bytes < 1048576
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1048576).toFixed(1).replace(".", ",")} MB`;

// Photos and documents for the request: "Fotoğraf çek" opens the camera where the
// phone allows it, "Dosya seç" the gallery and files. Files the server would refuse
// (type, size, count) are left out at once with a message, so nobody waits for a
// slow upload to learn that; the server still checks everything again.
export function FilePicker({ uploadId, maxFiles, maxBytes }) {
  const [filesById, setFilesById] = useContext(UploadFilesContext);
  const [problems, setProblems] = useState([]);
  const files = filesById[uploadId] ?? [];

  const add = (event) => {
    const chosen = Array.from(event.target.files ?? []);
    event.target.value = ""; // the same file may be chosen again after removing it
    const found = [];
    const kept = [];
    for (const file of chosen) {
      if (!ACCEPTED.includes(file.type)) {
        found.push(`“${file.name}” eklenemedi: yalnızca fotoğraf (JPEG, PNG, WebP) ve PDF eklenebilir.`);
      } else if (file.size > maxBytes) {
        found.push(`“${file.name}” eklenemedi: ${size(file.size)}; en fazla ${size(maxBytes)} olabilir.`);
      } else if (files.length + kept.length >= maxFiles) {
        found.push(`“${file.name}” eklenemedi: en fazla ${maxFiles} dosya eklenebilir.`);
      } else {
        kept.push(file);
      }
    }
    setProblems(found);
    if (kept.length) {
      setFilesById((all) => ({ ...all, [uploadId]: [...(all[uploadId] ?? []), ...kept] }));
    }
  };
  const remove = (index) => {
    setProblems([]);
    setFilesById((all) => ({
      ...all,
      [uploadId]: (all[uploadId] ?? []).filter((_, i) => i !== index),
    }));
  };
  const chooser = (label, props) =>
    h("label", { className: "m-button m-button-secondary m-file-button" },
      h("input", { type: "file", className: "m-visually-hidden", onChange: add, ...props }),
      label);

  return h(
    "div",
    { className: "file-picker" },
    h("div", { className: "m-file-buttons" },
      chooser("Fotoğraf çek", { accept: "image/*", capture: "environment" }),
      chooser("Dosya seç", { accept: ACCEPTED.join(","), multiple: true })),
    files.length > 0 &&
      h("ul", { className: "m-file-list", "aria-label": "Eklenen dosyalar" },
        files.map((file, index) =>
          h("li", { key: `${file.name}-${index}` },
            h("span", { className: "m-file-name" }, file.name),
            h("span", { className: "m-file-size" }, size(file.size)),
            h("button", {
              type: "button",
              className: "m-link-button",
              "aria-label": `${file.name} dosyasını kaldır`,
              onClick: () => remove(index),
            }, "Kaldır")))),
    h("div", { role: "status", className: "m-file-status" },
      problems.map((text) => h("p", { key: text, className: "m-field-error" }, text)),
      files.length > 0 && h("p", { className: "m-hint" }, `${files.length} / ${maxFiles} dosya eklendi.`)),
  );
}

// A submit button that says "Gönderiliyor…" from the tap until the server answers
// (`serial` changes), and ignores further taps meanwhile: a photo upload on a weak
// signal takes a while, and a second tap must neither send twice nor look ignored.
export function SendButton({ label, busyLabel, serial }) {
  const [busy, setBusy] = useState(false);
  useEffect(() => setBusy(false), [serial]);
  useEffect(() => {
    if (!busy) return undefined;
    // Should the answer never come (the connection dropped), allow another try.
    const timer = setTimeout(() => setBusy(false), 120000);
    return () => clearTimeout(timer);
  }, [busy]);
  return h("button", {
    type: "submit",
    className: "m-button m-button-primary",
    "aria-disabled": busy ? "true" : undefined,
    onClick: (event) => (busy ? event.preventDefault() : setBusy(true)),
  }, busy ? busyLabel : label);
}
