"""Stories: a member's private drafts with versions, notes on identifying details, review by a
mentor they choose, agreements for each use, withdrawal, and public pages only when agreed."""
