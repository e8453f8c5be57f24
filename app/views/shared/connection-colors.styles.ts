import { css } from 'lit';

/** `.color-<name>`: a connection's colour from the theme's palette (sidebar rows, tabs). */
export const connectionColorStyles = css`
  .color-red {
    background: var(--tusk-conn-red);
  }
  .color-orange {
    background: var(--tusk-conn-orange);
  }
  .color-yellow {
    background: var(--tusk-conn-yellow);
  }
  .color-green {
    background: var(--tusk-conn-green);
  }
  .color-teal {
    background: var(--tusk-conn-teal);
  }
  .color-blue {
    background: var(--tusk-conn-blue);
  }
  .color-purple {
    background: var(--tusk-conn-purple);
  }
  .color-gray {
    background: var(--tusk-conn-gray);
  }
`;
