"""Self-assessments: scores per item, summaries, migration across versions, comparison."""
