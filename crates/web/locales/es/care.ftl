# Reassessment (STarT Back, ODI, RMDQ) and the progress charts.
