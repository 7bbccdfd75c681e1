module example.com/big
