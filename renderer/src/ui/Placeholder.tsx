/** What an area will hold, until its feature lands. */
export function Placeholder({ items }: { items: string[] }) {
  return (
    <div className="placeholder">
      <p>This area is being built. It will hold:</p>
      <ul>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    </div>
  );
}
