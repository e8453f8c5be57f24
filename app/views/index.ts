/** The views' bundle entry: defines the custom elements used by the shell page. */
import './tusk-app';
