// Hands control back to the host's event loop between training steps, so that timers, worker
// messages and signal handlers (an AbortSignal fired by a Stop button or Ctrl-C) can run.

/**
 * Resolves once the event loop has run the macrotasks queued so far. Uses setImmediate on Node
 * and a MessageChannel elsewhere, because a setTimeout(0) chain is clamped to 4 ms in browsers.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') {
    return new Promise((resolve) => setImmediate(resolve));
  }
  return new Promise((resolve) => {
    // Typed by hand: the package compiles without the DOM library, whose MessagePort this is.
    const channel = new MessageChannel() as unknown as BrowserMessageChannel;
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

interface BrowserMessageChannel {
  port1: { onmessage: (() => void) | null; close(): void };
  port2: { postMessage(message: unknown): void };
}
