"""Write services of guides and participation: each checks its rules and writes in one transaction."""
