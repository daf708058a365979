"""Question widgets, one class per question type (see ``factory``)."""
