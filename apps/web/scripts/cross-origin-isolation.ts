// Response headers that make the page cross-origin isolated, so the training worker gets
// SharedArrayBuffer and the wasm backend can train on several threads. Everything the app loads
// (scripts, styles, the model and MNIST) is same-origin, so requiring CORP costs nothing.

/** Sent by `vite dev`, `vite preview` and the end-to-end tests' static server. */
export const crossOriginIsolationHeaders: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
