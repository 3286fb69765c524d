// The confusion matrix as a table whose cells are shaded by their share of the true class: the
// diagonal (correct) in green, the errors in red on their own scale so that small ones show.

/** Renders `confusion` ([true][predicted] counts) with `classLabels` as a heat-map table. */
export function renderConfusionMatrix(container: HTMLElement, confusion: number[][], classLabels: readonly string[]): void {
  const rowTotals = confusion.map((row) => row.reduce((sum, count) => sum + count, 0));
  let largestError = 0;
  confusion.forEach((row, truth) =>
    row.forEach((count, predicted) => {
      if (truth !== predicted && rowTotals[truth] > 0) largestError = Math.max(largestError, count / rowTotals[truth]);
    }),
  );

  const table = document.createElement('table');
  const caption = document.createElement('caption');
  caption.textContent = 'Rows: true digit. Columns: predicted digit. Cells: test images.';
  table.append(caption);

  const head = table.createTHead().insertRow();
  const corner = document.createElement('th');
  corner.textContent = 'true \\ predicted';
  corner.scope = 'col';
  corner.style.fontSize = '0.7rem';
  head.append(corner);
  for (const label of classLabels) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    head.append(th);
  }

  const body = table.createTBody();
  confusion.forEach((row, truth) => {
    const tr = body.insertRow();
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = classLabels[truth];
    tr.append(th);
    row.forEach((count, predicted) => {
      const cell = tr.insertCell();
      cell.textContent = String(count);
      const share = rowTotals[truth] > 0 ? count / rowTotals[truth] : 0;
      const correct = truth === predicted;
      let intensity = share;
      if (!correct) intensity = largestError > 0 ? share / largestError : 0;
      const hue = correct ? 140 : 5;
      cell.style.background = count === 0 ? '#f6f7f9' : `hsl(${hue} 65% ${Math.round(95 - 50 * intensity)}%)`;
      if (intensity > 0.6) cell.style.color = '#fff';
      cell.title = `true ${classLabels[truth]}, predicted ${classLabels[predicted]}: ${count} (${(100 * share).toFixed(1)} % of ${classLabels[truth]})`;
    });
  });
  container.replaceChildren(table);
}
