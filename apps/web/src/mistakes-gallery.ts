// A gallery of misclassified test digits, most confident mistakes first, each captioned with its
// true and predicted label.
import { context2d, drawGrayscale } from './grayscale-image';
import type { Mistake } from './training-protocol';

const SIDE = 28;

/** Fills `list` with one figure per mistake; `images` is [mistakes.length, 784] pixels. */
export function renderMistakes(
  list: HTMLElement,
  mistakes: readonly Mistake[],
  images: Uint8Array,
  classLabels: readonly string[],
): void {
  list.replaceChildren();
  mistakes.forEach((mistake, i) => {
    const item = document.createElement('li');
    const figure = document.createElement('figure');
    const canvas = document.createElement('canvas');
    canvas.width = SIDE;
    canvas.height = SIDE;
    const truth = classLabels[mistake.label];
    const predicted = classLabels[mistake.predicted];
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `Test image ${mistake.index}: a ${truth} predicted as ${predicted}`);
    drawGrayscale(context2d(canvas), images.subarray(i * SIDE * SIDE, (i + 1) * SIDE * SIDE), SIDE, SIDE);
    const caption = document.createElement('figcaption');
    caption.textContent = `true ${truth} → ${predicted} (${Math.round(100 * mistake.probability)} %)`;
    figure.append(canvas, caption);
    item.append(figure);
    list.append(item);
  });
}
