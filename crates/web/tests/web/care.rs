//! Reassessment, the plan built from the diary, and the progress charts.
