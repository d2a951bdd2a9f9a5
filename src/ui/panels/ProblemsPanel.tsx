/** Why a scenario was rejected, one problem per line; the previous scenario keeps running underneath. */
export function ProblemsPanel({ title, problems, onClose }: { title: string; problems: readonly string[]; onClose?: () => void }) {
  return (
    <div className="panel problems" role="alert" data-testid="problems">
      <h2>{title}</h2>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
      {onClose && (
        <button type="button" onClick={onClose}>
          Dismiss
        </button>
      )}
    </div>
  );
}
