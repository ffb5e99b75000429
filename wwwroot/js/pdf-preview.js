// The PDF preview: pdf.js renders the attachment's pages to canvases, with a text layer to select and read.
// It runs in a sandboxed page (opaque origin, no cookies, no same-origin access); the PDF arrives inside the page.
// Its state is on <body data-state>: loading, rendered, failed.
import { getDocument, GlobalWorkerOptions, TextLayer } from "./pdf.min.mjs";

const maxPages = 50;
const body = document.body;
const status = document.getElementById("status");

// The sentences come from the server in the user's language (data-* on #status), "{0}" and "{1}" filled here.
function words(name, ...values) {
  return (status.dataset[name] || "").replace(/\{(\d)\}/g, (_, i) => String(values[Number(i)]));
}

function say(text, state) {
  status.textContent = text;
  body.dataset.state = state;
}

function bytesOf(base64) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(base64);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function renderPage(pdf, number, container) {
  const page = await pdf.getPage(number);
  const width = Math.min(container.clientWidth || 800, 1000);
  const scale = width / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;

  const sheet = document.createElement("section");
  sheet.className = "page";
  sheet.setAttribute("aria-label", words("page", number, pdf.numPages));
  sheet.style.width = `${viewport.width}px`;
  sheet.style.height = `${viewport.height}px`;
  const canvas = document.createElement("canvas");
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.setAttribute("aria-hidden", "true");
  const text = document.createElement("div");
  text.className = "textLayer";
  text.style.setProperty("--total-scale-factor", String(scale));
  sheet.append(canvas, text);
  container.append(sheet);

  await page.render({
    canvas,
    canvasContext: canvas.getContext("2d"),
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
    annotationMode: 0,
  }).promise;
  await new TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
}

async function main() {
  const data = document.getElementById("pdf-data");
  const pages = document.getElementById("pages");
  GlobalWorkerOptions.workerSrc = new URL("./pdf.worker.min.mjs", import.meta.url).href;
  const pdf = await getDocument({
    data: bytesOf(data.textContent.trim()),
    isEvalSupported: false,
    enableXfa: false,
    disableFontFace: false,
    useSystemFonts: true,
    stopAtErrors: false,
  }).promise;
  data.remove();
  const shown = Math.min(pdf.numPages, maxPages);
  for (let number = 1; number <= shown; number++) {
    await renderPage(pdf, number, pages);
  }
  const more = pdf.numPages > shown ? " " + words("more", shown, pdf.numPages) : "";
  say((pdf.numPages === 1 ? words("one") : words("many", pdf.numPages)) + more, "rendered");
}

main().catch(() => say(words("failed"), "failed"));
