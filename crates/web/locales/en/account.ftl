# The account page: the person's time zone.
account-zone-heading = Your time zone
account-zone-lead = backcare uses it to know which day it is where you live: for your diary, and for when a questionnaire is due.
account-zone-label = Your time compared with world time (UTC)
account-zone-unset = Not chosen yet (the server's time, { $server })
account-zone-submit = Save my time zone
account-zone-saved = Your time zone has been saved.
account-zone-invalid = Please choose a time zone from the list.
