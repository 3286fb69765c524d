// The first layer's weights drawn as 28×28 images, one tile per hidden unit, so the strokes
// each unit responds to become visible.
import type { Network } from '@scratchnet/network';
import { context2d, drawDiverging } from './grayscale-image';

/** Tiles drawn at most; wider layers show their first units. */
export const MAX_WEIGHT_TILES = 64;
const TILE_COLUMNS = 8;
const GAP = 2;
/** CSS pixels per weight, so a 28×28 tile is 84 CSS pixels wide. */
const ZOOM = 3;

/** Draws the first layer of `network` into `canvas` and returns the number of tiles drawn. */
export function renderFirstLayerWeights(canvas: HTMLCanvasElement, network: Network): number {
  const layer = network.layers[0];
  const side = Math.round(Math.sqrt(layer.inputSize));
  if (side * side !== layer.inputSize) throw new Error(`The first layer has ${layer.inputSize} inputs, which is not a square image.`);
  const tileCount = Math.min(layer.outputSize, MAX_WEIGHT_TILES);
  const columns = Math.min(TILE_COLUMNS, tileCount);
  const rows = Math.ceil(tileCount / columns);
  canvas.width = columns * (side + GAP) - GAP;
  canvas.height = rows * (side + GAP) - GAP;
  canvas.style.width = `${canvas.width * ZOOM}px`;
  canvas.style.height = `${canvas.height * ZOOM}px`;

  const context = context2d(canvas);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // Weights are [H, 784]: row `unit` is that unit's weight for every input pixel.
  for (let unit = 0; unit < tileCount; unit++) {
    const weights = layer.weights.subarray(unit * layer.inputSize, (unit + 1) * layer.inputSize);
    const x = (unit % columns) * (side + GAP);
    const y = Math.floor(unit / columns) * (side + GAP);
    drawDiverging(context, weights, side, side, x, y);
  }
  canvas.setAttribute(
    'aria-label',
    `First-layer weights of ${tileCount} of ${layer.outputSize} hidden units, each as a ${side}×${side} image`,
  );
  return tileCount;
}
