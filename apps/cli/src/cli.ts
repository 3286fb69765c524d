console.log('scratchnet');
