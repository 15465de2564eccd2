from django.db import models


class DemoDataset(models.Model):
    """Marks a database as holding generated demonstration data, so every page can say so."""

    seed = models.IntegerField()
    generated = models.DateTimeField(auto_now_add=True)
    first_year = models.CharField(max_length=7)
    last_year = models.CharField(max_length=7)
    cases = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"Synthetic data, seed {self.seed}, {self.first_year} to {self.last_year}"
