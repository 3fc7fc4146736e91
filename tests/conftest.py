"""Suite-wide settings."""

from xent_ui import charts

# The app builds its plotly figures without plotly's property checks (they cost ~10 ms a
# chart on every rerun); every test builds them with the checks on, so a misspelt or
# invalid property fails here instead of being sent to the browser.
charts.VALIDATE = True
