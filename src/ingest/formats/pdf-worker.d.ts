// pdf.js ships no declaration for its worker module; it is loaded only to hand its message handler
// to pdf.js (the worker that runs on the same thread).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
