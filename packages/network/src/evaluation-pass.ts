// Forward passes over labelled images in tiles, for validation and metrics. The buffers are
// allocated once per pass object, so evaluating after every epoch allocates nothing new.
//
// Letters: R = rows of a tile, I = inputs, K = classes.

import { Matrix } from '@scratchnet/matrix';

import { countCorrect } from './gradient-workspace.js';
import { InferenceWorkspace } from './inference-workspace.js';
import type { InferenceViews } from './inference-workspace.js';
import { gatherTile } from './labeled-images.js';
import type { LabeledImages } from './labeled-images.js';
import { lossForward } from './loss.js';
import type { LossName } from './loss.js';
import type { Network } from './network.js';

/** Loss and accuracy of a network over a set of rows. */
export interface EvaluationTotals {
  lossSum: number;
  correct: number;
  count: number;
}

/** Called after each tile with its views (logits, probabilities, predictions) and labels [R]. */
export type TileVisitor = (views: InferenceViews, labels: Uint8Array, start: number) => void;

/** Default rows per evaluation tile. */
export const EVALUATION_TILE_ROWS = 1000;

/** Evaluates a network on labelled images, tile by tile. */
export class EvaluationPass {
  private readonly input: Float32Array;
  private readonly labels: Uint8Array;
  private readonly workspace: InferenceWorkspace;
  private readonly tileViews = new Map<
    number,
    { input: Matrix<Float32Array>; labels: Uint8Array }
  >();

  constructor(
    private readonly network: Network,
    private readonly tileRows = EVALUATION_TILE_ROWS,
  ) {
    this.input = new Float32Array(tileRows * network.inputSize);
    this.labels = new Uint8Array(tileRows);
    this.workspace = new InferenceWorkspace(network.layers);
    this.workspace.reserve(tileRows);
  }

  /**
   * Runs the network on the rows of `data` listed in `indices` (all rows in order when null) and
   * returns the summed loss, the correct count and the row count. `visit` receives every tile.
   */
  run(
    data: LabeledImages,
    indices: Uint32Array | null,
    loss: LossName,
    visit?: TileVisitor,
  ): EvaluationTotals {
    const count = indices === null ? data.count : indices.length;
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < count; start += this.tileRows) {
      const rows = Math.min(this.tileRows, count - start);
      gatherTile(this.input, this.labels, data, indices, start, rows);
      const { input, labels } = this.tileView(rows);
      const views = this.workspace.forward(input, {
        probabilities: false,
        predictions: visit !== undefined,
      });
      const logits = views.activations[views.activations.length - 1];
      lossSum += lossForward(views.probabilities, logits, labels, loss);
      correct += countCorrect(logits, labels);
      visit?.(views, labels, start);
    }
    return { lossSum, correct, count };
  }

  // At most two sizes per data set: full tiles and the remainder.
  private tileView(rows: number): { input: Matrix<Float32Array>; labels: Uint8Array } {
    let view = this.tileViews.get(rows);
    if (view === undefined) {
      const inputSize = this.network.inputSize;
      view = {
        input: new Matrix(rows, inputSize, this.input.subarray(0, rows * inputSize)),
        labels: this.labels.subarray(0, rows),
      };
      this.tileViews.set(rows, view);
    }
    return view;
  }
}
