// Early stopping on the validation loss, keeping a copy of the best weights to restore.

import type { Network } from './network.js';

/** Tracks the best validation loss and stops after `patience` epochs without improvement. */
export class EarlyStopping {
  bestLoss = Infinity;
  /** Epoch (counting from 1) of the best loss; undefined until an epoch improves. */
  bestEpoch: number | undefined = undefined;
  private epochsWithoutImprovement = 0;
  // Starts as the weights before training, allocated before the first step.
  private readonly bestParameters: Float32Array[];

  constructor(
    private readonly network: Network,
    private readonly patience: number,
    private readonly minDelta: number,
  ) {
    this.bestParameters = network.parameters().map((tensor) => tensor.slice());
  }

  /**
   * Records the validation loss after `epoch` and returns true when training should stop. An
   * epoch improves when its loss is below the best by more than minDelta; a NaN never improves.
   */
  update(validationLoss: number, epoch: number): boolean {
    if (validationLoss < this.bestLoss - this.minDelta) {
      this.bestLoss = validationLoss;
      this.bestEpoch = epoch;
      this.epochsWithoutImprovement = 0;
      this.network.parameters().forEach((tensor, index) => this.bestParameters[index].set(tensor));
      return false;
    }
    this.epochsWithoutImprovement++;
    return this.epochsWithoutImprovement >= this.patience;
  }

  /** Copies the best weights seen back into the network. */
  restoreBest(): void {
    this.network.parameters().forEach((tensor, index) => tensor.set(this.bestParameters[index]));
  }
}
