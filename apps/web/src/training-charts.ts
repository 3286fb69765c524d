// Live loss and accuracy charts (uPlot): one point per training step, and validation values at
// the step where each epoch ended, joined across the steps in between.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { EpochRecord, StepRecord } from '@scratchnet/network';

const CHART_HEIGHT = 240;

/** Columns of both charts, indexed by step. Validation columns are null except at epoch ends. */
interface Series {
  steps: number[];
  trainLoss: number[];
  trainAccuracy: number[];
  validationLoss: (number | null)[];
  validationAccuracy: (number | null)[];
}

function emptySeries(): Series {
  return { steps: [], trainLoss: [], trainAccuracy: [], validationLoss: [], validationAccuracy: [] };
}

function chartOptions(title: string, yLabel: string, percent: boolean, width: number): uPlot.Options {
  const format = (value: number | null): string => {
    if (value === null) return '–';
    return percent ? `${(100 * value).toFixed(1)} %` : value.toFixed(4);
  };
  return {
    title,
    width,
    height: CHART_HEIGHT,
    scales: { x: { time: false }, y: percent ? { range: [0, 1] } : { auto: true } },
    axes: [
      { label: 'step' },
      { label: yLabel, values: (_chart, ticks) => ticks.map((tick) => (percent ? `${Math.round(100 * tick)} %` : String(tick))) },
    ],
    series: [
      { label: 'step' },
      { label: 'training', stroke: '#2453c9', width: 1, value: (_chart, value) => format(value) },
      {
        label: 'validation',
        stroke: '#d9480f',
        width: 2,
        spanGaps: true,
        points: { show: true, size: 7 },
        value: (_chart, value) => format(value),
      },
    ],
    legend: { live: true },
  };
}

export class TrainingCharts {
  private series = emptySeries();
  private loss: uPlot | null = null;
  private accuracy: uPlot | null = null;
  private redrawScheduled = false;

  constructor(
    private readonly lossContainer: HTMLElement,
    private readonly accuracyContainer: HTMLElement,
  ) {
    // uPlot needs a width in pixels; the charts are created once the view is visible and follow its size.
    new ResizeObserver(() => this.fitToContainers()).observe(lossContainer);
  }

  /** Number of training steps plotted so far. */
  get pointCount(): number {
    return this.series.steps.length;
  }

  /** Empties both charts for a new run. */
  reset(): void {
    this.series = emptySeries();
    this.scheduleRedraw();
  }

  addSteps(records: readonly StepRecord[]): void {
    for (const record of records) {
      this.series.steps.push(record.step);
      this.series.trainLoss.push(record.loss);
      this.series.trainAccuracy.push(record.accuracy);
      this.series.validationLoss.push(null);
      this.series.validationAccuracy.push(null);
    }
    this.scheduleRedraw();
  }

  addEpoch(record: EpochRecord): void {
    if (record.validationLoss === undefined || record.validationAccuracy === undefined) return;
    const { steps } = this.series;
    // The epoch's last step has normally been plotted already; otherwise its point is added now.
    let index = steps.lastIndexOf(record.step);
    if (index === -1) {
      steps.push(record.step);
      this.series.trainLoss.push(record.trainLoss);
      this.series.trainAccuracy.push(record.trainAccuracy);
      this.series.validationLoss.push(null);
      this.series.validationAccuracy.push(null);
      index = steps.length - 1;
    }
    this.series.validationLoss[index] = record.validationLoss;
    this.series.validationAccuracy[index] = record.validationAccuracy;
    this.scheduleRedraw();
  }

  private scheduleRedraw(): void {
    if (this.redrawScheduled) return;
    this.redrawScheduled = true;
    requestAnimationFrame(() => {
      this.redrawScheduled = false;
      this.redraw();
    });
  }

  private redraw(): void {
    const { steps, trainLoss, trainAccuracy, validationLoss, validationAccuracy } = this.series;
    this.loss?.setData([steps, trainLoss, validationLoss]);
    this.accuracy?.setData([steps, trainAccuracy, validationAccuracy]);
    // Exposed for end-to-end tests, which check that the charts grow while training runs.
    this.lossContainer.dataset.pointCount = String(steps.length);
    this.lossContainer.dataset.validationPointCount = String(validationLoss.filter((value) => value !== null).length);
  }

  private fitToContainers(): void {
    const width = this.lossContainer.clientWidth;
    if (width === 0) return;
    const { steps, trainLoss, trainAccuracy, validationLoss, validationAccuracy } = this.series;
    if (this.loss === null || this.accuracy === null) {
      this.loss = new uPlot(chartOptions('Loss', 'cross-entropy', false, width), [steps, trainLoss, validationLoss], this.lossContainer);
      this.accuracy = new uPlot(
        chartOptions('Accuracy', 'accuracy', true, width),
        [steps, trainAccuracy, validationAccuracy],
        this.accuracyContainer,
      );
      return;
    }
    this.loss.setSize({ width, height: CHART_HEIGHT });
    this.accuracy.setSize({ width: this.accuracyContainer.clientWidth, height: CHART_HEIGHT });
  }
}
