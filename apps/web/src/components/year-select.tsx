/**
 * A year picker of the staff pages (考核年度, 年度): the years to choose from, the year shown, and
 * what choosing one does (usually: go to the page's address for that year). The year shown is
 * always among the choices, sorted, even when the list does not name it.
 */
export function YearSelect({
  label,
  years,
  value,
  onYear,
  testId,
  className,
}: {
  label: string;
  years: readonly number[];
  value: number | undefined;
  onYear: (year: number) => void;
  testId?: string;
  className?: string;
}) {
  const choices = [...new Set(value === undefined ? years : [...years, value])].sort((a, b) => a - b);
  return (
    <label className={className}>
      {label}
      <select value={value ?? ''} data-testid={testId} onChange={(e) => onYear(Number(e.target.value))}>
        {choices.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}
