// Ten horizontal bars, one per class, showing the network's output probabilities with the
// predicted class highlighted.

export class ProbabilityBars {
  private readonly fills: HTMLElement[] = [];
  private readonly values: HTMLElement[] = [];
  private readonly rows: HTMLElement[] = [];

  constructor(list: HTMLOListElement, classLabels: readonly string[]) {
    list.replaceChildren();
    for (const label of classLabels) {
      const row = document.createElement('li');
      row.className = 'probability-bar';
      const name = document.createElement('span');
      name.className = 'label';
      name.textContent = label;
      const track = document.createElement('span');
      track.className = 'track';
      const fill = document.createElement('span');
      fill.className = 'fill';
      fill.style.display = 'block';
      track.append(fill);
      const value = document.createElement('span');
      value.className = 'value';
      value.textContent = '–';
      row.append(name, track, value);
      list.append(row);
      this.rows.push(row);
      this.fills.push(fill);
      this.values.push(value);
    }
  }

  /** Shows `probabilities` ([K], summing to 1) and highlights `predicted`. */
  show(probabilities: ArrayLike<number>, predicted: number): void {
    for (let k = 0; k < this.rows.length; k++) {
      const percent = 100 * probabilities[k];
      this.fills[k].style.width = `${percent.toFixed(1)}%`;
      this.values[k].textContent = `${percent.toFixed(1)} %`;
      this.rows[k].classList.toggle('is-predicted', k === predicted);
    }
  }

  /** Empties every bar, for a blank canvas. */
  reset(): void {
    for (let k = 0; k < this.rows.length; k++) {
      this.fills[k].style.width = '0';
      this.values[k].textContent = '–';
      this.rows[k].classList.remove('is-predicted');
    }
  }
}
