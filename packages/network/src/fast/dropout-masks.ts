// Dropout masks drawn in exactly the order of the 'js' backend, so a seed gives the same
// masks, and therefore the same training run, on either backend.

import type { Random } from '@scratchnet/matrix';

import { TILE_ROWS } from '../js-backend.js';

/**
 * Fills masks[l] [B, W_l] for each hidden layer l with 0 (dropped, when random.next() < rate)
 * or 1 / (1 − rate) (kept). Padding lanes past outputs[l] get 0. The 'js' backend draws tile
 * by tile (TILE_ROWS rows), layer by layer within a tile, row-major within a layer; so does
 * this function.
 */
export function fillDropoutMasks(
  masks: readonly Float32Array[],
  outputs: readonly number[],
  widths: readonly number[],
  rows: number,
  rate: number,
  random: Random,
): void {
  const keptScale = 1 / (1 - rate);
  const tileRows = Math.min(rows, TILE_ROWS);
  for (let tileStart = 0; tileStart < rows; tileStart += tileRows) {
    const tileEnd = Math.min(rows, tileStart + tileRows);
    masks.forEach((mask, layer) => {
      const units = outputs[layer];
      const width = widths[layer];
      for (let row = tileStart; row < tileEnd; row++) {
        const start = row * width;
        for (let unit = 0; unit < units; unit++) mask[start + unit] = random.next() < rate ? 0 : keptScale;
        mask.fill(0, start + units, start + width);
      }
    });
  }
}
