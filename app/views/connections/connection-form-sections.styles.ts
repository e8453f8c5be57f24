import { css } from 'lit';

/** The colour swatches of the Name row (a radio group; each colour a theme token). */
export const swatchStyles = css`
  .colors {
    display: flex;
    gap: 0.3rem;
  }
  .swatch {
    width: 0.95rem;
    height: 0.95rem;
    padding: 0;
    border-radius: 50%;
    border: 1px solid var(--tusk-border-strong);
    background: var(--swatch, transparent);
    cursor: pointer;
  }
  .swatch[aria-checked='true'] {
    box-shadow:
      0 0 0 2px var(--tusk-bg-raised),
      0 0 0 3.5px var(--swatch, var(--tusk-text-muted));
  }
  .swatch:focus-visible {
    outline: 2px solid var(--tusk-focus);
    outline-offset: 3px;
  }
  .swatch.none {
    border-color: var(--tusk-text-faint);
    background: linear-gradient(
      135deg,
      transparent 45%,
      var(--tusk-text-faint) 45%,
      var(--tusk-text-faint) 55%,
      transparent 55%
    );
  }
  .swatch.red {
    --swatch: var(--tusk-conn-red);
  }
  .swatch.orange {
    --swatch: var(--tusk-conn-orange);
  }
  .swatch.yellow {
    --swatch: var(--tusk-conn-yellow);
  }
  .swatch.green {
    --swatch: var(--tusk-conn-green);
  }
  .swatch.teal {
    --swatch: var(--tusk-conn-teal);
  }
  .swatch.blue {
    --swatch: var(--tusk-conn-blue);
  }
  .swatch.purple {
    --swatch: var(--tusk-conn-purple);
  }
  .swatch.gray {
    --swatch: var(--tusk-conn-gray);
  }
  .swatch:not(.none) {
    border-color: var(--swatch);
  }
`;
