"""Optional shopper accounts: sign-up with e-mail, log in and out, password reset,
and the shopper's orders and bookings. Never needed to buy."""
