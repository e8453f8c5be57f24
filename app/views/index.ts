/** The views' bundle entry: defines the custom elements used by the shell page. */
import './tusk-app';
// The activity tab's sections (the tab places them by tag).
import './activity/activity-charts';
import './activity/activity-statements';
import './activity/activity-database';
import './activity/activity-settings';
